{{/* vim: set filetype=mustache: */}}
{{/*
The roles MUTT runs, in the order their objects are rendered. Each role is one Deployment running
`java -jar /app/mutt.jar run --roles <role>`.
*/}}
{{- define "mutt.roles" -}}
ingest alerter forwarder remediation web
{{- end }}

{{/*
Expand the name of the chart.
*/}}
{{- define "mutt.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name (truncated to leave room for the "-<role>" suffix).
If the release name contains the chart name it is used as the full name.
*/}}
{{- define "mutt.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Name of a role's objects (Deployment, Service, HPA, PDB). Call with (dict "root" $ "role" "ingest").
*/}}
{{- define "mutt.roleName" -}}
{{- printf "%s-%s" (include "mutt.fullname" .root) .role | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "mutt.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Namespace of every object.
*/}}
{{- define "mutt.namespace" -}}
{{- default .Release.Namespace .Values.namespaceOverride }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "mutt.labels" -}}
helm.sh/chart: {{ include "mutt.chart" . }}
{{ include "mutt.selectorLabels" . }}
{{- with .Chart.AppVersion }}
app.kubernetes.io/version: {{ . | quote }}
{{- end }}
app.kubernetes.io/part-of: mutt
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Selector labels shared by every MUTT pod (the headless cluster Service selects on these only).
*/}}
{{- define "mutt.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mutt.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Labels and selector labels of one role. Call with (dict "root" $ "role" "ingest").
*/}}
{{- define "mutt.roleLabels" -}}
{{ include "mutt.labels" .root }}
app.kubernetes.io/component: {{ .role }}
{{- end }}

{{- define "mutt.roleSelectorLabels" -}}
{{ include "mutt.selectorLabels" .root }}
app.kubernetes.io/component: {{ .role }}
{{- end }}

{{/*
Name of the ServiceAccount the pods run as.
*/}}
{{- define "mutt.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "mutt.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Name of the Secret holding API keys and passwords (existing or generated).
*/}}
{{- define "mutt.secretName" -}}
{{- default (include "mutt.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/*
Name of the headless Service used for cluster (Hazelcast) discovery, and its DNS name.
*/}}
{{- define "mutt.clusterServiceName" -}}
{{- printf "%s-cluster" (include "mutt.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "mutt.clusterServiceDns" -}}
{{- printf "%s.%s.svc.%s" (include "mutt.clusterServiceName" .) (include "mutt.namespace" .) .Values.clusterDomain }}
{{- end }}

{{/*
Container image reference.
*/}}
{{- define "mutt.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}
{{- end }}

{{/*
Ports of a role, as a dict name -> {port, env}: the container ports, the env var that moves the
listener, and which port serves /health and /metrics. Call with (dict "root" $ "role" "ingest").
*/}}
{{- define "mutt.rolePorts" -}}
{{- $r := index .root.Values.roles .role }}
{{- if eq .role "ingest" }}
http: {port: {{ $r.ports.http }}, env: SERVER_PORT_INGESTOR}
{{- else if eq .role "web" }}
http: {port: {{ $r.ports.http }}, env: SERVER_PORT_WEBUI}
{{- else }}
{{- $suffix := dict "alerter" "ALERTER" "forwarder" "MOOG" "remediation" "REMEDIATION" }}
metrics: {port: {{ $r.ports.metrics }}, env: METRICS_PORT_{{ index $suffix .role }}}
health: {port: {{ $r.ports.health }}, env: HEALTH_PORT_{{ index $suffix .role }}}
{{- end }}
{{- end }}

{{/*
Name of the container port serving /health (and of the one serving /metrics) for a role.
*/}}
{{- define "mutt.healthPortName" -}}
{{- if has .role (list "ingest" "web") }}http{{ else }}health{{ end }}
{{- end }}

{{- define "mutt.metricsPortName" -}}
{{- if has .role (list "ingest" "web") }}http{{ else }}metrics{{ end }}
{{- end }}

{{/*
Which roles talk to PostgreSQL (rules, audit; remediation runs the leader-only retention job) and
which talk to Moogsoft.
*/}}
{{- define "mutt.usesDatabase" -}}
{{- if has .role (list "alerter" "web" "remediation") }}true{{ end }}
{{- end }}

{{- define "mutt.usesMoog" -}}
{{- if has .role (list "forwarder" "remediation") }}true{{ end }}
{{- end }}

{{/*
Secret keys a role reads (docs/reference/configuration.md, "Secrets"). "required" keys are always present in the generated Secret;
"optional" (the *_NEXT rotation keys) may be absent.
*/}}
{{- define "mutt.roleSecretKeys" -}}
{{- $keys := list "REDIS_PASS_CURRENT" }}
{{- if eq .role "ingest" }}{{ $keys = append $keys "INGEST_API_KEY" }}{{ end }}
{{- if eq .role "web" }}{{ $keys = append $keys "WEBUI_API_KEY" }}{{ end }}
{{- if has .role (list "alerter" "forwarder" "remediation") }}{{ $keys = append $keys "MOOG_API_KEY" }}{{ end }}
{{- if include "mutt.usesDatabase" . }}{{ $keys = append $keys "DB_PASS_CURRENT" }}{{ end }}
{{- $optional := list "REDIS_PASS_NEXT" }}
{{- if eq .role "ingest" }}{{ $optional = append $optional "INGEST_API_KEY_NEXT" }}{{ end }}
{{- if eq .role "web" }}{{ $optional = append $optional "WEBUI_API_KEY_NEXT" }}{{ end }}
{{- if include "mutt.usesDatabase" . }}{{ $optional = append $optional "DB_PASS_NEXT" }}{{ end }}
{{- if include "mutt.runsNotifier" . }}
{{- $optional = concat $optional (list "NOTIFY_SLACK_WEBHOOK_URL" "NOTIFY_SMTP_PASSWORD" "NOTIFY_SMTP_TRUST_STORE_PASSWORD") }}
{{- end }}
{{- dict "required" $keys "optional" $optional | toYaml }}
{{- end }}

{{/*
Checksum of the application configuration: changing mutt.yaml rolls every pod.
*/}}
{{- define "mutt.configChecksum" -}}
{{- include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- end }}

{{/*
The modules an ingest Deployment runs: ingest plus the enabled native listeners.
*/}}
{{- define "mutt.ingestModules" -}}
{{- $l := .root.Values.roles.ingest.listeners }}
{{- $m := list (.root.Values.roles.ingest.modules | default "ingest") }}
{{- if and $l $l.syslog.enabled }}{{ $m = append $m "syslog" }}{{ end }}
{{- if and $l $l.traps.enabled }}{{ $m = append $m "traps" }}{{ end }}
{{- join "," $m }}
{{- end }}

{{/*
Listener ports of the ingest role: name -> {port, servicePort, protocol}.
*/}}
{{- define "mutt.listenerPorts" -}}
{{- $l := .root.Values.roles.ingest.listeners }}
{{- if and (eq .role "ingest") $l }}
{{- if $l.syslog.enabled }}
syslog-udp: {port: {{ $l.syslog.port }}, servicePort: {{ $l.syslog.servicePort }}, protocol: UDP}
syslog-tcp: {port: {{ $l.syslog.port }}, servicePort: {{ $l.syslog.servicePort }}, protocol: TCP}
{{- if $l.syslog.tls.secretName }}
syslog-tls: {port: {{ $l.syslog.tls.port }}, servicePort: {{ $l.syslog.tls.servicePort }}, protocol: TCP}
{{- end }}
{{- end }}
{{- if $l.traps.enabled }}
snmp-trap: {port: {{ $l.traps.port }}, servicePort: {{ $l.traps.servicePort }}, protocol: UDP}
{{- end }}
{{- end }}
{{- end }}

{{/*
The modules a remediation Deployment runs: its modules value plus the notifier when enabled.
*/}}
{{- define "mutt.remediationModules" -}}
{{- $m := .root.Values.roles.remediation.modules | default "remediation" }}
{{- if .root.Values.notifier.enabled }}{{ $m = printf "%s,notifier" $m }}{{ end }}
{{- $m }}
{{- end }}

{{/*
Whether this role's Deployment runs the notifier.
*/}}
{{- define "mutt.runsNotifier" -}}
{{- if and (eq .role "remediation") .root.Values.notifier.enabled }}true{{ end }}
{{- end }}

{{/*
The notifier values as MUTT settings (mutt.yaml keys); the secrets are not among them.
*/}}
{{- define "mutt.notifierConfig" -}}
{{- $n := .Values.notifier }}
NOTIFY_INTERVAL_MS: {{ $n.intervalMs | int }}
NOTIFY_CHECK_MS: {{ $n.checkMs | int }}
NOTIFY_DLQ_THRESHOLD: {{ $n.dlqThreshold | int }}
NOTIFY_SAMPLES: {{ $n.samples | int }}
NOTIFY_FALLBACK_SEVERITIES: {{ $n.fallback.severities | quote }}
NOTIFY_FALLBACK_TEAMS: {{ $n.fallback.teams | quote }}
NOTIFY_FALLBACK_MODE: {{ $n.fallback.mode | quote }}
NOTIFY_SMTP_HOST: {{ $n.smtp.host | quote }}
NOTIFY_SMTP_PORT: {{ $n.smtp.port | int }}
NOTIFY_SMTP_TLS: {{ $n.smtp.tls | quote }}
NOTIFY_SMTP_USER: {{ $n.smtp.user | quote }}
NOTIFY_SMTP_FROM: {{ $n.smtp.from | quote }}
NOTIFY_SMTP_TO: {{ $n.smtp.to | quote }}
{{- end }}

{{/*
The retention values as MUTT settings (mutt.yaml keys).
*/}}
{{- define "mutt.retentionConfig" -}}
{{- $r := .Values.retention }}
RETENTION_ENABLED: {{ $r.enabled }}
RETENTION_DRY_RUN: {{ $r.dryRun }}
RETENTION_EVENT_AUDIT_DAYS: {{ $r.eventAuditDays | int }}
EVENT_ARCHIVE_RETENTION_YEARS: {{ $r.archiveRetentionYears | int }}
RETENTION_AUDIT_DAYS: {{ $r.configAuditDays | int }}
RETENTION_DLQ_DAYS: {{ $r.dlqDays | int }}
RETENTION_BATCH_SIZE: {{ $r.batchSize | int }}
RETENTION_PRECREATE_MONTHS: {{ $r.precreateMonths | int }}
RETENTION_RUN_AT: {{ $r.runAt | quote }}
RETENTION_RUN_WINDOW_MINUTES: {{ $r.runWindowMinutes | int }}
RETENTION_CHECK_INTERVAL_MS: {{ $r.checkIntervalMs | int }}
RETENTION_METRICS_FILE: {{ $r.metricsFile | quote }}
{{- end }}

{{/*
The Redis topology as environment (REDIS_MODE and the settings of that mode, the replica
acknowledgements and the stream partitions). Fails with one line naming the value that is missing.
*/}}
{{- define "mutt.redisEnv" -}}
{{- $r := .Values.redis -}}
- name: REDIS_MODE
  value: {{ $r.mode | quote }}
{{- if eq $r.mode "sentinel" }}
- name: REDIS_SENTINELS
  value: {{ required "redis.sentinel.hosts: list the sentinels (host:port) when redis.mode is sentinel" (join "," $r.sentinel.hosts | default "") | quote }}
- name: REDIS_MASTER_NAME
  value: {{ required "redis.sentinel.masterName: name the master set the sentinels monitor when redis.mode is sentinel" $r.sentinel.masterName | quote }}
{{- else if eq $r.mode "cluster" }}
- name: REDIS_NODES
  value: {{ required "redis.cluster.nodes: list seed nodes (host:port) when redis.mode is cluster" (join "," $r.cluster.nodes | default "") | quote }}
{{- else }}
- name: REDIS_HOST
  value: {{ $r.host | quote }}
- name: REDIS_PORT
  value: {{ $r.port | quote }}
{{- end }}
- name: REDIS_MIN_REPLICA_ACKS
  value: {{ $r.minReplicaAcks | quote }}
- name: REDIS_PARTITIONS
  value: {{ $r.partitions | quote }}
{{- end }}

{{/*
Settings the chart sets from redis.* as environment: the same keys under config would be overridden
by that environment without a word, so they are refused.
*/}}
{{- define "mutt.redisSettings" -}}
{{- list "REDIS_MODE" "REDIS_HOST" "REDIS_PORT" "REDIS_SENTINELS" "REDIS_MASTER_NAME" "REDIS_NODES" "REDIS_MIN_REPLICA_ACKS" "REDIS_PARTITIONS" "REDIS_TLS_ENABLED" "REDIS_CA_CERT_PATH" | toJson -}}
{{- end }}
