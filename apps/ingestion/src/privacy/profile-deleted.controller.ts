import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { PROFILE_DELETED, type ProfileDeleted } from '@cdp/identity/contracts';
import { RawEventStore, SuppressedIdentifiersRepository } from '@cdp/ingestion/data-access-db';
import { erasureCriteria, suppressionEntries } from '@cdp/ingestion/domain';
import type { Logger } from '@cdp/shared/util-logging';
import { OnEvent } from '@cdp/shared/util-messaging';
import { LOGGER } from '@cdp/shared/util-service';
import { SuppressionList } from './suppression-list.service.js';

/**
 * Obeys identity's `profile.deleted`: suppresses the person's identifiers (hashed) so later events
 * carrying them are dropped, then deletes their raw events and ledger rows. Two transactions, in
 * that order: once the suppression commits no new event of theirs can be stored, so the deletion
 * that follows leaves nothing behind; a redelivery (or a crash between the two) repeats both
 * harmlessly. Logs the audit id and counts only.
 */
@Controller()
export class ProfileDeletedController {
  constructor(
    private readonly suppressions: SuppressedIdentifiersRepository,
    private readonly list: SuppressionList,
    private readonly store: RawEventStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @OnEvent(PROFILE_DELETED)
  async erase(@Payload() deleted: ProfileDeleted): Promise<void> {
    const entries = suppressionEntries(deleted.identifiers);
    const newlySuppressed = await this.suppressions.suppress(entries, {
      profileId: deleted.profileId,
      auditId: deleted.auditId,
    });
    // This replica's intake drops the person's events from now on; others within the refresh period.
    await this.list.refresh();
    const erased = await this.store.erase(erasureCriteria(deleted.identifiers));
    this.logger.info(
      {
        auditId: deleted.auditId,
        identifiers: entries.length,
        newlySuppressed,
        rawEventsDeleted: erased.events,
        ledgerRowsDeleted: erased.ledgerRows,
      },
      'erased profile from ingestion',
    );
  }
}
