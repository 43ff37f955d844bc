const bootstrapped = new WeakSet<object>();

/**
 * True the first time it is called for `instance`. A service is a hybrid Nest app (HTTP plus the
 * bus transport), and starting the transport runs the lifecycle hooks a second time, so a hook that
 * starts timers or warms a cache begins with `if (!firstBootstrap(this)) return;`.
 */
export function firstBootstrap(instance: object): boolean {
  if (bootstrapped.has(instance)) return false;
  bootstrapped.add(instance);
  return true;
}
