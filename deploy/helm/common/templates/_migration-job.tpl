{{/*
On by default: `node dist/apps/<app>/src/main.js migrate` (runStandalone in
libs/shared/util-service) applies the service's migrations and exits. Each service also applies
them at start (runMigrations in libs/shared/util-service/src/start-service.ts), under the same
advisory lock, so the Job and starting pods may race safely.
It runs as a pre-install/pre-upgrade hook, before the release's ConfigMap exists, so it only
gets DATABASE_URL (from the pre-existing Secret) and migrations.job.env.
*/}}
{{- define "common.migrationJob" -}}
{{- if .Values.migrations.job.enabled -}}
{{- if not .Values.migrations.job.command -}}
{{- fail "migrations.job.enabled needs migrations.job.command (a standalone migrate entry point)" -}}
{{- end -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "common.fullname" . }}-migrate
  labels:
    {{- include "common.labels" . | nindent 4 }}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "-5"
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  backoffLimit: {{ .Values.migrations.job.backoffLimit }}
  template:
    metadata:
      labels:
        {{- include "common.selectorLabels" . | nindent 8 }}
        app.kubernetes.io/component: migrate
    spec:
      restartPolicy: Never
      securityContext:
        {{- include "common.podSecurityContext" . | nindent 8 }}
      containers:
        - name: migrate
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          command:
            {{- toYaml .Values.migrations.job.command | nindent 12 }}
          securityContext:
            {{- include "common.containerSecurityContext" . | nindent 12 }}
          env:
            {{- include "common.databaseEnv" . | nindent 12 }}
            {{- range $key, $value := .Values.migrations.job.env }}
            - name: {{ $key }}
              value: {{ $value | quote }}
            {{- end }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
{{- end -}}
{{- end -}}
