{{- define "common.configmap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "common.fullname" . }}
  labels:
    {{- include "common.labels" . | nindent 4 }}
data:
  HOST: "0.0.0.0"
  PORT: {{ .Values.service.port | int | quote }}
  LOG_LEVEL: {{ .Values.config.logLevel | quote }}
  DB_POOL_MAX: {{ .Values.config.dbPoolMax | int | quote }}
  SHUTDOWN_TIMEOUT_MS: {{ .Values.config.shutdownTimeoutMs | int | quote }}
  SHUTDOWN_DELAY_MS: {{ .Values.config.shutdownDelayMs | int | quote }}
  {{- with .Values.nats.url }}
  NATS_URL: {{ . | quote }}
  {{- end }}
  {{- with .Values.nats.namespace }}
  NATS_NAMESPACE: {{ . | quote }}
  {{- end }}
  {{- if .Values.nats.url }}
  NATS_STREAM_REPLICAS: {{ .Values.nats.streamReplicas | int | quote }}
  {{- end }}
  {{- range $key, $value := .Values.env }}
  {{ $key }}: {{ $value | quote }}
  {{- end }}
{{- end -}}
