# Generated from the JSON Schema of codex-cli 0.163.0 (`codex app-server generate-json-schema --experimental`).
# DO NOT EDIT. Regenerate with: python scripts/generate_protocol.py
"""Typed messages of the Codex app-server protocol, runtime 0.163.0 (generated)."""

from __future__ import annotations

from types import NoneType
from typing import Any, Final, Literal, TypeAlias

import attrs

from ._fallback import UnknownVariant

RUNTIME_VERSION: Final = "0.163.0"


@attrs.frozen(kw_only=True)
class AcceptWithExecpolicyAmendmentCommandExecutionApprovalDecision:
    """User approved the command, and wants to apply the proposed execpolicy amendment so future matching
    commands can run without prompting.
    """

    accept_with_execpolicy_amendment: AcceptWithExecpolicyAmendmentCommandExecutionApprovalDecisionBody = attrs.field(metadata={"wire": "acceptWithExecpolicyAmendment"})


@attrs.frozen(kw_only=True)
class AcceptWithExecpolicyAmendmentCommandExecutionApprovalDecisionBody:
    execpolicy_amendment: list[str]


@attrs.frozen(kw_only=True)
class AccountLoginCompletedNotification:
    error: str | None = None
    login_id: str | None = attrs.field(default=None, metadata={"wire": "loginId"})
    onboarding_entrypoint: DesktopOnboardingEntrypoint | None = attrs.field(default=None, metadata={"wire": "onboardingEntrypoint"})
    success: bool


@attrs.frozen(kw_only=True)
class AccountRateLimitsUpdatedNotification:
    """Sparse rolling rate-limit update."""

    rate_limits: RateLimitSnapshot = attrs.field(metadata={"wire": "rateLimits"})


@attrs.frozen(kw_only=True)
class AccountTokenUsageDailyBucket:
    start_date: str = attrs.field(metadata={"wire": "startDate"})
    tokens: int


@attrs.frozen(kw_only=True)
class AccountTokenUsageSummary:
    current_streak_days: int | None = attrs.field(default=None, metadata={"wire": "currentStreakDays"})
    lifetime_tokens: int | None = attrs.field(default=None, metadata={"wire": "lifetimeTokens"})
    longest_running_turn_sec: int | None = attrs.field(default=None, metadata={"wire": "longestRunningTurnSec"})
    longest_streak_days: int | None = attrs.field(default=None, metadata={"wire": "longestStreakDays"})
    peak_daily_tokens: int | None = attrs.field(default=None, metadata={"wire": "peakDailyTokens"})


@attrs.frozen(kw_only=True)
class AccountUpdatedNotification:
    auth_mode: AuthMode | None = attrs.field(default=None, metadata={"wire": "authMode"})
    plan_type: PlanType | None = attrs.field(default=None, metadata={"wire": "planType"})


@attrs.frozen(kw_only=True)
class ActivePermissionProfile:
    #: Parent profile identifier from the selected permissions profile's `extends` setting, when
    #: present.
    extends: str | None = None
    #: Identifier from `default_permissions` or the implicit built-in default, such as `:workspace` or
    #: a user-defined `[permissions.<id>]` profile.
    id: str


@attrs.frozen(kw_only=True)
class ActiveThreadStatus:
    active_flags: list[ThreadActiveFlag] = attrs.field(metadata={"wire": "activeFlags"})
    type: Literal["active"] = attrs.field(default="active", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ActiveTurnNotSteerableCodexErrorInfo:
    """Returned when `turn/start` or `turn/steer` is submitted while the current active turn cannot accept
    same-turn steering, for example `/review` or manual `/compact`.
    """

    active_turn_not_steerable: ActiveTurnNotSteerableCodexErrorInfoBody = attrs.field(metadata={"wire": "activeTurnNotSteerable"})


@attrs.frozen(kw_only=True)
class ActiveTurnNotSteerableCodexErrorInfoBody:
    turn_kind: NonSteerableTurnKind = attrs.field(metadata={"wire": "turnKind"})


@attrs.frozen(kw_only=True)
class AddFileChange:
    content: str
    type: Literal["add"] = attrs.field(default="add", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class AddPatchChangeKind:
    type: Literal["add"] = attrs.field(default="add", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class AdditionalContextEntry:
    kind: AdditionalContextKind
    value: str


@attrs.frozen(kw_only=True)
class AdditionalFileSystemPermissions:
    entries: list[FileSystemSandboxEntry] | None = None
    glob_scan_max_depth: int | None = attrs.field(default=None, metadata={"wire": "globScanMaxDepth"})
    #: This will be removed in favor of `entries`.
    read: list[LegacyAppPathString] | None = None
    #: This will be removed in favor of `entries`.
    write: list[LegacyAppPathString] | None = None


@attrs.frozen(kw_only=True)
class AdditionalNetworkPermissions:
    enabled: bool | None = None


@attrs.frozen(kw_only=True)
class AdditionalPermissionProfile:
    file_system: AdditionalFileSystemPermissions | None = attrs.field(default=None, metadata={"wire": "fileSystem"})
    #: Partial overlay used for per-command permission requests.
    network: AdditionalNetworkPermissions | None = None


@attrs.frozen(kw_only=True)
class AdditionalToolsResponseItem:
    id: str | None = None
    role: str
    tools: list[Any]
    type: Literal["additional_tools"] = attrs.field(default="additional_tools", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class AgentConfiguredHookHandler:
    type: Literal["agent"] = attrs.field(default="agent", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class AgentHookMetadata:
    #: Configured `additionalContext` spill threshold. `null` uses 2,500 tokens; `0` disables
    #: spilling.
    additional_context_limit: int | None = attrs.field(default=None, metadata={"wire": "additionalContextLimit"})
    current_hash: str = attrs.field(metadata={"wire": "currentHash"})
    display_order: int = attrs.field(metadata={"wire": "displayOrder"})
    enabled: bool
    event_name: HookEventName = attrs.field(metadata={"wire": "eventName"})
    handler_type: Literal["agent"] = attrs.field(default="agent", metadata={"wire": "handlerType", "tag": True})
    is_managed: bool = attrs.field(metadata={"wire": "isManaged"})
    key: str
    matcher: str | None = None
    plugin_id: str | None = attrs.field(default=None, metadata={"wire": "pluginId"})
    source: HookSource
    source_path: AbsolutePathBuf = attrs.field(metadata={"wire": "sourcePath"})
    status_message: str | None = attrs.field(default=None, metadata={"wire": "statusMessage"})
    timeout_sec: int = attrs.field(metadata={"wire": "timeoutSec"})
    trust_status: HookTrustStatus = attrs.field(metadata={"wire": "trustStatus"})


@attrs.frozen(kw_only=True)
class AgentMessageDeltaNotification:
    delta: str
    item_id: str = attrs.field(metadata={"wire": "itemId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class AgentMessageResponseItem:
    author: str
    content: list[AgentMessageInputContent]
    id: str | None = None
    internal_chat_message_metadata_passthrough: InternalChatMessageMetadataPassthrough | None = None
    recipient: str
    type: Literal["agent_message"] = attrs.field(default="agent_message", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class AgentMessageThreadItem:
    delivery: AgentMessageDelivery | None = None
    id: str
    memory_citation: MemoryCitation | None = attrs.field(default=None, metadata={"wire": "memoryCitation"})
    phase: MessagePhase | None = None
    questions: list[AsyncUserInputQuestion] | None = None
    text: str
    type: Literal["agentMessage"] = attrs.field(default="agentMessage", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class AmazonBedrockAccessKeysLoginAccountParams:
    """[UNSTABLE] Managed Amazon Bedrock AWS access key login is experimental."""

    access_key_id: str = attrs.field(metadata={"wire": "accessKeyId"})
    region: str
    secret_access_key: str = attrs.field(metadata={"wire": "secretAccessKey"})
    session_token: str | None = attrs.field(default=None, metadata={"wire": "sessionToken"})
    type: Literal["amazonBedrockAccessKeys"] = attrs.field(default="amazonBedrockAccessKeys", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class AmazonBedrockAccount:
    type: Literal["amazonBedrock"] = attrs.field(default="amazonBedrock", metadata={"tag": True})
    uses_codex_managed_credentials: bool | None = attrs.field(default=None, metadata={"wire": "usesCodexManagedCredentials"})


@attrs.frozen(kw_only=True)
class AmazonBedrockLoginAccountParams:
    """[UNSTABLE] Managed Amazon Bedrock login is experimental."""

    api_key: str = attrs.field(metadata={"wire": "apiKey"})
    region: str
    type: Literal["amazonBedrock"] = attrs.field(default="amazonBedrock", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class AmazonBedrockLoginAccountResponse:
    type: Literal["amazonBedrock"] = attrs.field(default="amazonBedrock", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class AnalyticsConfig:
    enabled: bool | None = None


@attrs.frozen(kw_only=True)
class ApiKeyAccount:
    type: Literal["apiKey"] = attrs.field(default="apiKey", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ApiKeyLoginAccountParams:
    api_key: str = attrs.field(metadata={"wire": "apiKey"})
    type: Literal["apiKey"] = attrs.field(default="apiKey", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ApiKeyLoginAccountResponse:
    type: Literal["apiKey"] = attrs.field(default="apiKey", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class AppBranding:
    """EXPERIMENTAL - app metadata returned by app-list APIs."""

    category: str | None = None
    developer: str | None = None
    is_discoverable_app: bool = attrs.field(metadata={"wire": "isDiscoverableApp"})
    privacy_policy: str | None = attrs.field(default=None, metadata={"wire": "privacyPolicy"})
    terms_of_service: str | None = attrs.field(default=None, metadata={"wire": "termsOfService"})
    website: str | None = None


@attrs.frozen(kw_only=True)
class AppConfig:
    approvals_reviewer: ApprovalsReviewer | None = None
    default_tools_approval_mode: AppToolApproval | None = None
    default_tools_enabled: bool | None = None
    destructive_enabled: bool | None = None
    enabled: bool | None = None
    #: Per-account approval settings keyed by link ID.
    links: AppLinksConfig | None = None
    #: Additional model-facing surfaces omitted for this connector's tools.
    omit_tools_from: list[ToolExposureSurface] | None = None
    open_world_enabled: bool | None = None
    tools: AppToolsConfig | None = None


@attrs.frozen(kw_only=True)
class AppInfo:
    """EXPERIMENTAL - app metadata returned by app-list APIs."""

    app_metadata: AppMetadata | None = attrs.field(default=None, metadata={"wire": "appMetadata"})
    branding: AppBranding | None = None
    description: str | None = None
    distribution_channel: str | None = attrs.field(default=None, metadata={"wire": "distributionChannel"})
    icon_assets: dict[str, str] | None = attrs.field(default=None, metadata={"wire": "iconAssets"})
    icon_dark_assets: dict[str, str] | None = attrs.field(default=None, metadata={"wire": "iconDarkAssets"})
    id: str
    install_url: str | None = attrs.field(default=None, metadata={"wire": "installUrl"})
    is_accessible: bool | None = attrs.field(default=None, metadata={"wire": "isAccessible"})
    #: Whether this app is enabled in config.toml. Example: ```toml [apps.bad_app] enabled = false ```
    is_enabled: bool | None = attrs.field(default=None, metadata={"wire": "isEnabled"})
    labels: dict[str, str] | None = None
    logo_url: str | None = attrs.field(default=None, metadata={"wire": "logoUrl"})
    logo_url_dark: str | None = attrs.field(default=None, metadata={"wire": "logoUrlDark"})
    name: str
    plugin_display_names: list[str] | None = attrs.field(default=None, metadata={"wire": "pluginDisplayNames"})


@attrs.frozen(kw_only=True)
class AppLinkConfig:
    """Approval settings for a connected account within an app."""

    approvals_reviewer: ApprovalsReviewer | None = None
    default_tools_approval_mode: AppToolApproval | None = None


@attrs.frozen(kw_only=True)
class AppListUpdatedNotification:
    """EXPERIMENTAL - notification emitted when the app list changes."""

    data: list[AppInfo]


@attrs.frozen(kw_only=True)
class AppMetadata:
    categories: list[str] | None = None
    developer: str | None = None
    first_party_requires_install: bool | None = attrs.field(default=None, metadata={"wire": "firstPartyRequiresInstall"})
    review: AppReview | None = None
    screenshots: list[AppScreenshot] | None = None
    seo_description: str | None = attrs.field(default=None, metadata={"wire": "seoDescription"})
    show_in_composer_when_unlinked: bool | None = attrs.field(default=None, metadata={"wire": "showInComposerWhenUnlinked"})
    sub_categories: list[str] | None = attrs.field(default=None, metadata={"wire": "subCategories"})
    version: str | None = None
    version_id: str | None = attrs.field(default=None, metadata={"wire": "versionId"})
    version_notes: str | None = attrs.field(default=None, metadata={"wire": "versionNotes"})


@attrs.frozen(kw_only=True)
class AppReview:
    status: str


@attrs.frozen(kw_only=True)
class AppScreenshot:
    file_id: str | None = attrs.field(default=None, metadata={"wire": "fileId"})
    url: str | None = None
    user_prompt: str = attrs.field(metadata={"wire": "userPrompt"})


@attrs.frozen(kw_only=True)
class AppSummary:
    """EXPERIMENTAL - app metadata summary for plugin responses."""

    category: str | None = None
    description: str | None = None
    id: str
    install_url: str | None = attrs.field(default=None, metadata={"wire": "installUrl"})
    name: str


@attrs.frozen(kw_only=True)
class AppTemplateSummary:
    canonical_connector_id: str | None = attrs.field(default=None, metadata={"wire": "canonicalConnectorId"})
    category: str | None = None
    description: str | None = None
    logo_url: str | None = attrs.field(default=None, metadata={"wire": "logoUrl"})
    logo_url_dark: str | None = attrs.field(default=None, metadata={"wire": "logoUrlDark"})
    materialized_app_ids: list[str] = attrs.field(metadata={"wire": "materializedAppIds"})
    name: str
    reason: AppTemplateUnavailableReason | None = None
    template_id: str = attrs.field(metadata={"wire": "templateId"})


@attrs.frozen(kw_only=True)
class AppToolConfig:
    approval_mode: AppToolApproval | None = None
    enabled: bool | None = None


@attrs.frozen(kw_only=True)
class AppToolSummary:
    """EXPERIMENTAL - metadata returned by app/read."""

    description: str
    disabled_reason: str | None = attrs.field(default=None, metadata={"wire": "disabledReason"})
    is_enabled: bool | None = attrs.field(default=None, metadata={"wire": "isEnabled"})
    is_read_only: bool | None = attrs.field(default=None, metadata={"wire": "isReadOnly"})
    name: str
    title: str | None = None


@attrs.frozen(kw_only=True)
class ApplicationNetworkRequirements:
    domains: dict[str, NetworkDomainPermission]
    #: When enabled, only explicitly allowed exact domains may be contacted.
    enabled: bool


@attrs.frozen(kw_only=True)
class ApplicationRequirements:
    network: ApplicationNetworkRequirements | None = None


@attrs.frozen(kw_only=True)
class ApplyNetworkPolicyAmendmentCommandExecutionApprovalDecision:
    """User chose a persistent network policy rule (allow/deny) for this host."""

    apply_network_policy_amendment: ApplyNetworkPolicyAmendmentCommandExecutionApprovalDecisionBody = attrs.field(metadata={"wire": "applyNetworkPolicyAmendment"})


@attrs.frozen(kw_only=True)
class ApplyNetworkPolicyAmendmentCommandExecutionApprovalDecisionBody:
    network_policy_amendment: NetworkPolicyAmendment


@attrs.frozen(kw_only=True)
class ApplyPatchApprovalParams:
    #: Use to correlate this with [codex_protocol::protocol::PatchApplyBeginEvent] and
    #: [codex_protocol::protocol::PatchApplyEndEvent].
    call_id: str = attrs.field(metadata={"wire": "callId"})
    conversation_id: ThreadId = attrs.field(metadata={"wire": "conversationId"})
    file_changes: dict[str, FileChange] = attrs.field(metadata={"wire": "fileChanges"})
    #: When set, the agent is asking the user to allow writes under this root for the remainder of the
    #: session (unclear if this is honored today).
    grant_root: str | None = attrs.field(default=None, metadata={"wire": "grantRoot"})
    #: Optional explanatory reason (e.g. request for extra write access).
    reason: str | None = None


@attrs.frozen(kw_only=True)
class ApplyPatchApprovalResponse:
    decision: ReviewDecision


@attrs.frozen(kw_only=True)
class ApplyPatchGuardianApprovalReviewAction:
    cwd: LegacyAppPathString
    files: list[LegacyAppPathString]
    type: Literal["applyPatch"] = attrs.field(default="applyPatch", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ApprovedExecpolicyAmendmentReviewDecision:
    """User has approved this command and wants to apply the proposed execpolicy amendment so future matching
    commands are permitted.
    """

    approved_execpolicy_amendment: ApprovedExecpolicyAmendmentReviewDecisionBody


@attrs.frozen(kw_only=True)
class ApprovedExecpolicyAmendmentReviewDecisionBody:
    proposed_execpolicy_amendment: list[str]


@attrs.frozen(kw_only=True)
class AppsConfig:
    default: AppsDefaultConfig | None = attrs.field(default=None, metadata={"wire": "_default"})


@attrs.frozen(kw_only=True)
class AppsDefaultConfig:
    approvals_reviewer: ApprovalsReviewer | None = None
    default_tools_approval_mode: AppToolApproval | None = None
    destructive_enabled: bool | None = None
    enabled: bool | None = None
    open_world_enabled: bool | None = None


@attrs.frozen(kw_only=True)
class AppsInstalledParams:
    """Read the committed installed connector runtime snapshot."""

    #: When true and Apps are permitted, refresh and publish the hosted connector runtime tool
    #: snapshot first.
    force_refresh: bool | None = attrs.field(default=None, metadata={"wire": "forceRefresh"})
    #: Optional loaded thread id used to evaluate effective app configuration.
    thread_id: str | None = attrs.field(default=None, metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class AppsInstalledResponse:
    """The installed connectors in one committed runtime snapshot."""

    apps: list[InstalledApp]


@attrs.frozen(kw_only=True)
class AppsListParams:
    """EXPERIMENTAL - list available apps/connectors."""

    #: Opaque pagination cursor returned by a previous call.
    cursor: str | None = None
    #: When true, bypass app caches and fetch the latest data from sources.
    force_refetch: bool | None = attrs.field(default=None, metadata={"wire": "forceRefetch"})
    #: Optional page size; defaults to a reasonable server-side value.
    limit: int | None = None
    #: Optional thread id used to evaluate app feature gating from that thread's config.
    thread_id: str | None = attrs.field(default=None, metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class AppsListResponse:
    """EXPERIMENTAL - app list response."""

    data: list[AppInfo]
    #: Opaque cursor to pass to the next call to continue after the last item. If None, there are no
    #: more items to return.
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class AppsReadParams:
    """EXPERIMENTAL - read metadata for specific apps/connectors."""

    #: App ids to read. The server accepts at most 100 ids and deduplicates repeated ids while
    #: preserving their first-request order.
    app_ids: list[str] = attrs.field(metadata={"wire": "appIds"})
    #: When true, include display-only public tool summaries in the returned metadata.
    include_tools: bool | None = attrs.field(default=None, metadata={"wire": "includeTools"})
    #: Optional loaded thread id used to evaluate effective app configuration.
    thread_id: str | None = attrs.field(default=None, metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class AppsReadResponse:
    """EXPERIMENTAL - app/read response."""

    apps: list[ConnectorMetadata]
    missing_app_ids: list[str] = attrs.field(metadata={"wire": "missingAppIds"})


@attrs.frozen(kw_only=True)
class AsyncUserInputQuestion:
    options: list[str] | None = None
    title: str


@attrs.frozen(kw_only=True)
class AttestationGenerateParams:
    """An empty object."""


@attrs.frozen(kw_only=True)
class AttestationGenerateResponse:
    #: Opaque client attestation token.
    token: str


@attrs.frozen(kw_only=True)
class AudioUserInput:
    type: Literal["audio"] = attrs.field(default="audio", metadata={"tag": True})
    url: str


@attrs.frozen(kw_only=True)
class AuthRecoveryNotification:
    message: str
    provider: str
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class AutoReviewRequirements:
    ignore_rules: list[str] | None = attrs.field(default=None, metadata={"wire": "ignoreRules"})
    required_on_models: list[str] | None = attrs.field(default=None, metadata={"wire": "requiredOnModels"})


@attrs.frozen(kw_only=True)
class BaseBranchReviewTarget:
    """Review changes between the current branch and the given base branch."""

    branch: str
    type: Literal["baseBranch"] = attrs.field(default="baseBranch", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class BedrockAwsProfile:
    name: str
    region: str | None = None


@attrs.frozen(kw_only=True)
class BedrockCheckGovCloudRequirementsParams:
    """An empty object."""


@attrs.frozen(kw_only=True)
class BedrockCheckGovCloudRequirementsResponse:
    """Advisory check of the current Bedrock configuration after login or setup."""

    #: Whether the active Bedrock authentication resolves to a GovCloud region.
    is_gov_cloud: bool = attrs.field(metadata={"wire": "isGovCloud"})
    #: Whether GovCloud is selected and the managed requirements miss the baseline. A false value is
    #: not a general certification of the network configuration.
    should_warn: bool = attrs.field(metadata={"wire": "shouldWarn"})


@attrs.frozen(kw_only=True)
class BedrockDiscoverParams:
    """An empty object."""


@attrs.frozen(kw_only=True)
class BedrockDiscoverResponse:
    environment_credentials: list[BedrockEnvironmentCredential] = attrs.field(metadata={"wire": "environmentCredentials"})
    profiles: list[BedrockAwsProfile]


@attrs.frozen(kw_only=True)
class BedrockEnvironmentCredential:
    region: str | None = None
    type: AwsCredentialType


@attrs.frozen(kw_only=True)
class BedrockSetupResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class BemItemPromotedThreadRealtimeItem:
    """EXPERIMENTAL - a thread-scoped realtime item in the canonical timeline."""

    id: str
    item_id: str
    presentation: ThreadRealtimeBemItemPresentation
    realtime_session_id: str = attrs.field(metadata={"wire": "realtimeSessionId"})
    turn_id: str
    type: Literal["bemItemPromoted"] = attrs.field(default="bemItemPromoted", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class BlobResourceContent:
    meta: Any = attrs.field(default=None, metadata={"wire": "_meta"})
    blob: str
    mime_type: str | None = attrs.field(default=None, metadata={"wire": "mimeType"})
    #: The URI of this resource.
    uri: str


@attrs.frozen(kw_only=True)
class BrowserUseConfig:
    allow_history_access: bool | None = None
    default_origin_policy: BrowserUseOriginPolicyConfig | None = None
    origins: dict[str, BrowserUseOriginPolicyConfig] | None = None


@attrs.frozen(kw_only=True)
class BrowserUseExtensionRequirements:
    request_headers: list[RequestHeader] | None = attrs.field(default=None, metadata={"wire": "requestHeaders"})


@attrs.frozen(kw_only=True)
class BrowserUseOriginPolicy:
    access: AllowDenyRequirement | None = None
    access_approval_lifetime: BrowserUseAccessApprovalLifetime | None = attrs.field(default=None, metadata={"wire": "accessApprovalLifetime"})
    auto_review: AllowDenyRequirement | None = attrs.field(default=None, metadata={"wire": "autoReview"})
    downloads: AllowDenyRequirement | None = None
    full_cdp_access: AllowDenyRequirement | None = attrs.field(default=None, metadata={"wire": "fullCdpAccess"})
    persistent_approval: bool | None = attrs.field(default=None, metadata={"wire": "persistentApproval"})
    uploads: AllowDenyRequirement | None = None


@attrs.frozen(kw_only=True)
class BrowserUseOriginPolicyConfig:
    access: AllowDenyRequirement | None = None
    downloads: AllowDenyRequirement | None = None
    full_cdp_access: AllowDenyRequirement | None = None
    uploads: AllowDenyRequirement | None = None


@attrs.frozen(kw_only=True)
class BrowserUseRequirements:
    allow_global_persistent_approval: bool | None = attrs.field(default=None, metadata={"wire": "allowGlobalPersistentApproval"})
    allow_history_access: bool | None = attrs.field(default=None, metadata={"wire": "allowHistoryAccess"})
    allow_webmcp: bool | None = attrs.field(default=None, metadata={"wire": "allowWebmcp"})
    default_origin_policy: BrowserUseOriginPolicy | None = attrs.field(default=None, metadata={"wire": "defaultOriginPolicy"})
    disable_auto_review: bool | None = attrs.field(default=None, metadata={"wire": "disableAutoReview"})
    extension: BrowserUseExtensionRequirements | None = None
    origins: dict[str, BrowserUseOriginPolicy] | None = None


@attrs.frozen(kw_only=True)
class ByteRange:
    end: int
    start: int


@attrs.frozen(kw_only=True)
class CancelLoginAccountParams:
    login_id: str = attrs.field(metadata={"wire": "loginId"})


@attrs.frozen(kw_only=True)
class CancelLoginAccountResponse:
    status: CancelLoginAccountStatus


@attrs.frozen(kw_only=True)
class CancelledUserVerificationErrorDetails:
    reason: UserVerificationCancellationReason
    type: Literal["cancelled"] = attrs.field(default="cancelled", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ChatgptAccount:
    email: str | None
    plan_type: PlanType = attrs.field(metadata={"wire": "planType"})
    type: Literal["chatgpt"] = attrs.field(default="chatgpt", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ChatgptAuthTokensLoginAccountParams:
    """[UNSTABLE] FOR OPENAI INTERNAL USE ONLY - DO NOT USE. The access token must contain the same scopes
    that Codex-managed ChatGPT auth tokens have.
    """

    #: Access token (JWT) supplied by the client. This token is used for backend API requests and
    #: email extraction.
    access_token: str = attrs.field(metadata={"wire": "accessToken"})
    #: Workspace/account identifier supplied by the client.
    chatgpt_account_id: str = attrs.field(metadata={"wire": "chatgptAccountId"})
    #: Optional plan type supplied by the client.
    chatgpt_plan_type: str | None = attrs.field(default=None, metadata={"wire": "chatgptPlanType"})
    type: Literal["chatgptAuthTokens"] = attrs.field(default="chatgptAuthTokens", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ChatgptAuthTokensLoginAccountResponse:
    type: Literal["chatgptAuthTokens"] = attrs.field(default="chatgptAuthTokens", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ChatgptAuthTokensRefreshParams:
    #: Workspace/account identifier that Codex was previously using.
    previous_account_id: str | None = attrs.field(default=None, metadata={"wire": "previousAccountId"})
    reason: ChatgptAuthTokensRefreshReason


@attrs.frozen(kw_only=True)
class ChatgptAuthTokensRefreshResponse:
    access_token: str = attrs.field(metadata={"wire": "accessToken"})
    chatgpt_account_id: str = attrs.field(metadata={"wire": "chatgptAccountId"})
    chatgpt_plan_type: str | None = attrs.field(default=None, metadata={"wire": "chatgptPlanType"})


@attrs.frozen(kw_only=True)
class ChatgptDeviceCodeLoginAccountParams:
    type: Literal["chatgptDeviceCode"] = attrs.field(default="chatgptDeviceCode", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ChatgptDeviceCodeLoginAccountResponse:
    login_id: str = attrs.field(metadata={"wire": "loginId"})
    type: Literal["chatgptDeviceCode"] = attrs.field(default="chatgptDeviceCode", metadata={"tag": True})
    #: One-time code the user must enter after signing in.
    user_code: str = attrs.field(metadata={"wire": "userCode"})
    #: URL the client should open in a browser to complete device code authorization.
    verification_url: str = attrs.field(metadata={"wire": "verificationUrl"})


@attrs.frozen(kw_only=True)
class ChatgptLoginAccountParams:
    app_brand: LoginAppBrand | None = attrs.field(default=None, metadata={"wire": "appBrand"})
    codex_streamlined_login: bool | None = attrs.field(default=None, metadata={"wire": "codexStreamlinedLogin"})
    type: Literal["chatgpt"] = attrs.field(default="chatgpt", metadata={"tag": True})
    use_hosted_login_success_page: bool | None = attrs.field(default=None, metadata={"wire": "useHostedLoginSuccessPage"})


@attrs.frozen(kw_only=True)
class ChatgptLoginAccountResponse:
    #: URL the client should open in a browser to initiate the OAuth flow.
    auth_url: str = attrs.field(metadata={"wire": "authUrl"})
    login_id: str = attrs.field(metadata={"wire": "loginId"})
    type: Literal["chatgpt"] = attrs.field(default="chatgpt", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ClientInfo:
    name: str
    title: str | None = None
    version: str


@attrs.frozen(kw_only=True)
class CollabAgentState:
    message: str | None = None
    status: CollabAgentStatus


@attrs.frozen(kw_only=True)
class CollabAgentToolCallThreadItem:
    #: Last known status of the target agents, when available.
    agents_states: dict[str, CollabAgentState] = attrs.field(metadata={"wire": "agentsStates"})
    #: Unique identifier for this collab tool call.
    id: str
    #: Model requested for the spawned agent, when applicable.
    model: str | None = None
    #: Prompt text sent as part of the collab tool call, when available.
    prompt: str | None = None
    #: Reasoning effort requested for the spawned agent, when applicable.
    reasoning_effort: ReasoningEffort | None = attrs.field(default=None, metadata={"wire": "reasoningEffort"})
    #: Thread ID of the receiving agent, when applicable. In case of spawn operation, this corresponds
    #: to the newly spawned agent.
    receiver_thread_ids: list[str] = attrs.field(metadata={"wire": "receiverThreadIds"})
    #: Thread ID of the agent issuing the collab request.
    sender_thread_id: str = attrs.field(metadata={"wire": "senderThreadId"})
    #: Current status of the collab tool call.
    status: CollabAgentToolCallStatus
    #: Name of the collab tool that was invoked.
    tool: CollabAgentTool
    type: Literal["collabAgentToolCall"] = attrs.field(default="collabAgentToolCall", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class CollaborationMode:
    """Collaboration mode for a Codex session."""

    mode: ModeKind
    settings: Settings


@attrs.frozen(kw_only=True)
class CollaborationModeListParams:
    """EXPERIMENTAL - list collaboration mode presets."""


@attrs.frozen(kw_only=True)
class CollaborationModeListResponse:
    """EXPERIMENTAL - collaboration mode presets response."""

    data: list[CollaborationModeMask]


@attrs.frozen(kw_only=True)
class CollaborationModeMask:
    """EXPERIMENTAL - collaboration mode preset metadata for clients."""

    mode: ModeKind | None = None
    model: str | None = None
    name: str
    reasoning_effort: ReasoningEffort | None = None


@attrs.frozen(kw_only=True)
class CommandConfiguredHookHandler:
    #: Approximate token threshold for spilling this hook's `additionalContext` to disk. `null` uses
    #: 2,500 tokens; `0` disables spilling for this hook. The threshold is evaluated against the
    #: original...
    additional_context_limit: int | None = attrs.field(default=None, metadata={"wire": "additionalContextLimit"})
    async_: bool = attrs.field(metadata={"wire": "async"})
    command: str
    command_windows: str | None = attrs.field(default=None, metadata={"wire": "commandWindows"})
    status_message: str | None = attrs.field(default=None, metadata={"wire": "statusMessage"})
    timeout_sec: int | None = attrs.field(default=None, metadata={"wire": "timeoutSec"})
    type: Literal["command"] = attrs.field(default="command", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class CommandExecOutputDeltaNotification:
    """Base64-encoded output chunk emitted for a streaming `command/exec` request."""

    #: `true` on the final streamed chunk for a stream when `outputBytesCap` truncated later output on
    #: that stream.
    cap_reached: bool = attrs.field(metadata={"wire": "capReached"})
    #: Base64-encoded output bytes.
    delta_base64: str = attrs.field(metadata={"wire": "deltaBase64"})
    #: Client-supplied, connection-scoped `processId` from the original `command/exec` request.
    process_id: str = attrs.field(metadata={"wire": "processId"})
    #: Output stream for this chunk.
    stream: CommandExecOutputStream


@attrs.frozen(kw_only=True)
class CommandExecParams:
    """Run a standalone command (argv vector) in the server sandbox without creating a thread or turn."""

    #: Command argv vector. Empty arrays are rejected.
    command: list[str]
    #: Optional working directory. Defaults to the server cwd.
    cwd: str | None = None
    #: Disable stdout/stderr capture truncation for this request.
    disable_output_cap: bool | None = attrs.field(default=None, metadata={"wire": "disableOutputCap"})
    #: Disable the timeout entirely for this request.
    disable_timeout: bool | None = attrs.field(default=None, metadata={"wire": "disableTimeout"})
    #: Optional environment overrides merged into the server-computed environment.
    env: dict[str, str | None] | None = None
    #: Optional per-stream stdout/stderr capture cap in bytes.
    output_bytes_cap: int | None = attrs.field(default=None, metadata={"wire": "outputBytesCap"})
    #: Optional active permissions profile id for this command.
    permission_profile: str | None = attrs.field(default=None, metadata={"wire": "permissionProfile"})
    #: Optional client-supplied, connection-scoped process id.
    process_id: str | None = attrs.field(default=None, metadata={"wire": "processId"})
    #: Optional sandbox policy for this command.
    sandbox_policy: SandboxPolicy | None = attrs.field(default=None, metadata={"wire": "sandboxPolicy"})
    #: Optional initial PTY size in character cells. Only valid when `tty` is true.
    size: CommandExecTerminalSize | None = None
    #: Allow follow-up `command/exec/write` requests to write stdin bytes.
    stream_stdin: bool | None = attrs.field(default=None, metadata={"wire": "streamStdin"})
    #: Stream stdout/stderr via `command/exec/outputDelta` notifications.
    stream_stdout_stderr: bool | None = attrs.field(default=None, metadata={"wire": "streamStdoutStderr"})
    #: Optional timeout in milliseconds.
    timeout_ms: int | None = attrs.field(default=None, metadata={"wire": "timeoutMs"})
    #: Enable PTY mode.
    tty: bool | None = None


@attrs.frozen(kw_only=True)
class CommandExecResizeParams:
    """Resize a running PTY-backed `command/exec` session."""

    #: Client-supplied, connection-scoped `processId` from the original `command/exec` request.
    process_id: str = attrs.field(metadata={"wire": "processId"})
    #: New PTY size in character cells.
    size: CommandExecTerminalSize


@attrs.frozen(kw_only=True)
class CommandExecResizeResponse:
    """Empty success response for `command/exec/resize`."""


@attrs.frozen(kw_only=True)
class CommandExecResponse:
    """Final buffered result for `command/exec`."""

    #: Process exit code.
    exit_code: int = attrs.field(metadata={"wire": "exitCode"})
    #: Buffered stderr capture.
    stderr: str
    #: Buffered stdout capture.
    stdout: str


@attrs.frozen(kw_only=True)
class CommandExecTerminalSize:
    """PTY size in character cells for `command/exec` PTY sessions."""

    #: Terminal width in character cells.
    cols: int
    #: Terminal height in character cells.
    rows: int


@attrs.frozen(kw_only=True)
class CommandExecTerminateParams:
    """Terminate a running `command/exec` session."""

    #: Client-supplied, connection-scoped `processId` from the original `command/exec` request.
    process_id: str = attrs.field(metadata={"wire": "processId"})


@attrs.frozen(kw_only=True)
class CommandExecTerminateResponse:
    """Empty success response for `command/exec/terminate`."""


@attrs.frozen(kw_only=True)
class CommandExecWriteParams:
    """Write stdin bytes to a running `command/exec` session, close stdin, or both."""

    #: Close stdin after writing `deltaBase64`, if present.
    close_stdin: bool | None = attrs.field(default=None, metadata={"wire": "closeStdin"})
    #: Optional base64-encoded stdin bytes to write.
    delta_base64: str | None = attrs.field(default=None, metadata={"wire": "deltaBase64"})
    #: Client-supplied, connection-scoped `processId` from the original `command/exec` request.
    process_id: str = attrs.field(metadata={"wire": "processId"})


@attrs.frozen(kw_only=True)
class CommandExecWriteResponse:
    """Empty success response for `command/exec/write`."""


@attrs.frozen(kw_only=True)
class CommandExecutionOutputDeltaNotification:
    delta: str
    item_id: str = attrs.field(metadata={"wire": "itemId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class CommandExecutionRequestApprovalParams:
    #: Optional additional permissions requested for this command.
    additional_permissions: AdditionalPermissionProfile | None = attrs.field(default=None, metadata={"wire": "additionalPermissions"})
    #: Unique identifier for this specific approval callback.
    approval_id: str | None = attrs.field(default=None, metadata={"wire": "approvalId"})
    #: Ordered list of decisions the client may present for this prompt.
    available_decisions: list[CommandExecutionApprovalDecision] | None = attrs.field(default=None, metadata={"wire": "availableDecisions"})
    #: The command to be executed.
    command: str | None = None
    #: Best-effort parsed command actions for friendly display.
    command_actions: list[CommandAction] | None = attrs.field(default=None, metadata={"wire": "commandActions"})
    #: The command's working directory.
    cwd: LegacyAppPathString | None = None
    #: Environment in which the command will run.
    environment_id: str | None = attrs.field(default=None, metadata={"wire": "environmentId"})
    item_id: str = attrs.field(metadata={"wire": "itemId"})
    #: Kind of action under review. Defaults to `command` for older servers.
    kind: CommandExecutionApprovalKind | None = None
    #: Optional context for a managed-network approval prompt.
    network_approval_context: NetworkApprovalContext | None = attrs.field(default=None, metadata={"wire": "networkApprovalContext"})
    #: Optional proposed execpolicy amendment to allow similar commands without prompting.
    proposed_execpolicy_amendment: list[str] | None = attrs.field(default=None, metadata={"wire": "proposedExecpolicyAmendment"})
    #: Optional proposed network policy amendments (allow/deny host) for future requests.
    proposed_network_policy_amendments: list[NetworkPolicyAmendment] | None = attrs.field(default=None, metadata={"wire": "proposedNetworkPolicyAmendments"})
    #: Optional explanatory reason (e.g. request for network access).
    reason: str | None = None
    #: Unix timestamp (in milliseconds) when this approval request started.
    started_at_ms: int = attrs.field(metadata={"wire": "startedAtMs"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class CommandExecutionRequestApprovalResponse:
    decision: CommandExecutionApprovalDecision


@attrs.frozen(kw_only=True)
class CommandExecutionThreadItem:
    #: The command's output, aggregated from stdout and stderr.
    aggregated_output: str | None = attrs.field(default=None, metadata={"wire": "aggregatedOutput"})
    #: The command to be executed.
    command: str
    #: A best-effort parsing of the command to understand the action(s) it will perform. This returns
    #: a list of CommandAction objects because a single shell command may be composed of many commands
    #: piped...
    command_actions: list[CommandAction] = attrs.field(metadata={"wire": "commandActions"})
    #: The command's working directory.
    cwd: LegacyAppPathString
    #: The duration of the command execution in milliseconds.
    duration_ms: int | None = attrs.field(default=None, metadata={"wire": "durationMs"})
    #: The command's exit code.
    exit_code: int | None = attrs.field(default=None, metadata={"wire": "exitCode"})
    id: str
    #: Trusted first-party plugin id when this command resolves to one plugin script.
    plugin_id: str | None = attrs.field(default=None, metadata={"wire": "pluginId"})
    #: Identifier for the underlying PTY process (when available).
    process_id: str | None = attrs.field(default=None, metadata={"wire": "processId"})
    #: Safe plugin-relative path when this command resolves to one plugin script.
    script_path: str | None = attrs.field(default=None, metadata={"wire": "scriptPath"})
    source: CommandExecutionSource | None = None
    status: CommandExecutionStatus
    type: Literal["commandExecution"] = attrs.field(default="commandExecution", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class CommandGuardianApprovalReviewAction:
    command: str
    cwd: LegacyAppPathString
    source: GuardianCommandSource
    type: Literal["command"] = attrs.field(default="command", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class CommandHookMetadata:
    #: Configured `additionalContext` spill threshold. `null` uses 2,500 tokens; `0` disables
    #: spilling.
    additional_context_limit: int | None = attrs.field(default=None, metadata={"wire": "additionalContextLimit"})
    async_: bool | None = attrs.field(default=None, metadata={"wire": "async"})
    command: str
    current_hash: str = attrs.field(metadata={"wire": "currentHash"})
    display_order: int = attrs.field(metadata={"wire": "displayOrder"})
    enabled: bool
    event_name: HookEventName = attrs.field(metadata={"wire": "eventName"})
    handler_type: Literal["command"] = attrs.field(default="command", metadata={"wire": "handlerType", "tag": True})
    is_managed: bool = attrs.field(metadata={"wire": "isManaged"})
    key: str
    matcher: str | None = None
    plugin_id: str | None = attrs.field(default=None, metadata={"wire": "pluginId"})
    source: HookSource
    source_path: AbsolutePathBuf = attrs.field(metadata={"wire": "sourcePath"})
    status_message: str | None = attrs.field(default=None, metadata={"wire": "statusMessage"})
    timeout_sec: int = attrs.field(metadata={"wire": "timeoutSec"})
    trust_status: HookTrustStatus = attrs.field(metadata={"wire": "trustStatus"})


@attrs.frozen(kw_only=True)
class CommandMigration:
    name: str


@attrs.frozen(kw_only=True)
class CommitReviewTarget:
    """Review the changes introduced by a specific commit."""

    sha: str
    #: Optional human-readable label (e.g., commit subject) for UIs.
    title: str | None = None
    type: Literal["commit"] = attrs.field(default="commit", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class CompactionResponseItem:
    encrypted_content: str
    id: str | None = None
    internal_chat_message_metadata_passthrough: InternalChatMessageMetadataPassthrough | None = None
    type: Literal["compaction"] = attrs.field(default="compaction", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class CompactionTriggerResponseItem:
    type: Literal["compaction_trigger"] = attrs.field(default="compaction_trigger", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class CompletedThreadPredictionResult:
    text: str | None = None
    type: Literal["completed"] = attrs.field(default="completed", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ComputerUseConfig:
    default_app_access: AllowDenyRequirement | None = None
    macos: ComputerUseMacosConfig | None = None
    windows: ComputerUseWindowsConfig | None = None


@attrs.frozen(kw_only=True)
class ComputerUseMacosConfig:
    bundle_ids: dict[str, AllowDenyRequirement] | None = None


@attrs.frozen(kw_only=True)
class ComputerUseMacosRequirements:
    bundle_ids: dict[str, AllowDenyRequirement] | None = attrs.field(default=None, metadata={"wire": "bundleIds"})


@attrs.frozen(kw_only=True)
class ComputerUseRequirements:
    allow_locked_computer_use: bool | None = attrs.field(default=None, metadata={"wire": "allowLockedComputerUse"})
    allow_persistent_approval: bool | None = attrs.field(default=None, metadata={"wire": "allowPersistentApproval"})
    default_app_access: AllowDenyRequirement | None = attrs.field(default=None, metadata={"wire": "defaultAppAccess"})
    macos: ComputerUseMacosRequirements | None = None
    windows: ComputerUseWindowsRequirements | None = None


@attrs.frozen(kw_only=True)
class ComputerUseWindowsConfig:
    aumids: dict[str, AllowDenyRequirement] | None = None
    exes: list[ComputerUseWindowsExeConfig] | None = None


@attrs.frozen(kw_only=True)
class ComputerUseWindowsExeConfig:
    access: AllowDenyRequirement
    binary_name: str | None = None
    product_name: str
    publisher_name: str


@attrs.frozen(kw_only=True)
class ComputerUseWindowsExeRequirement:
    access: AllowDenyRequirement
    binary_name: str | None = attrs.field(default=None, metadata={"wire": "binaryName"})
    product_name: str = attrs.field(metadata={"wire": "productName"})
    publisher_name: str = attrs.field(metadata={"wire": "publisherName"})


@attrs.frozen(kw_only=True)
class ComputerUseWindowsRequirements:
    aumids: dict[str, AllowDenyRequirement] | None = None
    exes: list[ComputerUseWindowsExeRequirement] | None = None


@attrs.frozen(kw_only=True)
class Config:
    analytics: AnalyticsConfig | None = None
    approval_policy: AskForApproval | None = None
    #: [UNSTABLE] Optional default for where approval requests are routed for review.
    approvals_reviewer: ApprovalsReviewer | None = None
    apps: AppsConfig | None = None
    browser_use: BrowserUseConfig | None = None
    compact_prompt: str | None = None
    computer_use: ComputerUseConfig | None = None
    desktop: dict[str, Any] | None = None
    developer_instructions: str | None = None
    forced_chatgpt_workspace_id: ForcedChatgptWorkspaceIds | None = None
    forced_login_method: ForcedLoginMethod | None = None
    instructions: str | None = None
    model: str | None = None
    model_auto_compact_token_limit: int | None = None
    model_auto_compact_token_limit_scope: AutoCompactTokenLimitScope | None = None
    model_context_window: int | None = None
    model_provider: str | None = None
    model_reasoning_effort: ReasoningEffort | None = None
    model_reasoning_summary: ReasoningSummary | None = None
    model_verbosity: Verbosity | None = None
    review_model: str | None = None
    sandbox_mode: SandboxMode | None = None
    sandbox_workspace_write: SandboxWorkspaceWrite | None = None
    service_tier: str | None = None
    tools: ToolsV2 | None = None
    web_search: WebSearchMode | None = None


@attrs.frozen(kw_only=True)
class ConfigBatchWriteParams:
    edits: list[ConfigEdit]
    expected_version: str | None = attrs.field(default=None, metadata={"wire": "expectedVersion"})
    #: Path to the config file to write; defaults to the user's `config.toml` when omitted.
    file_path: str | None = attrs.field(default=None, metadata={"wire": "filePath"})
    #: When true, hot-reload updated runtime settings into loaded threads after writing. Session-
    #: static model, reasoning-effort, Plan-mode reasoning-effort, and service-tier defaults are not
    #: reloaded....
    reload_user_config: bool | None = attrs.field(default=None, metadata={"wire": "reloadUserConfig"})


@attrs.frozen(kw_only=True)
class ConfigEdit:
    key_path: str = attrs.field(metadata={"wire": "keyPath"})
    merge_strategy: MergeStrategy = attrs.field(metadata={"wire": "mergeStrategy"})
    value: Any


@attrs.frozen(kw_only=True)
class ConfigLayer:
    config: Any
    disabled_reason: str | None = attrs.field(default=None, metadata={"wire": "disabledReason"})
    name: ConfigLayerSource
    version: str


@attrs.frozen(kw_only=True)
class ConfigLayerMetadata:
    name: ConfigLayerSource
    version: str


@attrs.frozen(kw_only=True)
class ConfigReadParams:
    #: Optional working directory to resolve project config layers. If specified, return the effective
    #: config as seen from that directory (i.e., including any project layers between `cwd` and the...
    cwd: str | None = None
    include_layers: bool | None = attrs.field(default=None, metadata={"wire": "includeLayers"})


@attrs.frozen(kw_only=True)
class ConfigReadResponse:
    config: Config
    layers: list[ConfigLayer] | None = None
    origins: dict[str, ConfigLayerMetadata]


@attrs.frozen(kw_only=True)
class ConfigRequirements:
    additional_developer_instructions: str | None = attrs.field(default=None, metadata={"wire": "additionalDeveloperInstructions"})
    allow_appshots: bool | None = attrs.field(default=None, metadata={"wire": "allowAppshots"})
    allow_browser_and_computer_use: bool | None = attrs.field(default=None, metadata={"wire": "allowBrowserAndComputerUse"})
    allow_login_shell: bool | None = attrs.field(default=None, metadata={"wire": "allowLoginShell"})
    allow_managed_hooks_only: bool | None = attrs.field(default=None, metadata={"wire": "allowManagedHooksOnly"})
    allow_remote_control: bool | None = attrs.field(default=None, metadata={"wire": "allowRemoteControl"})
    allowed_approval_policies: list[AskForApproval] | None = attrs.field(default=None, metadata={"wire": "allowedApprovalPolicies"})
    allowed_approvals_reviewers: list[ApprovalsReviewer] | None = attrs.field(default=None, metadata={"wire": "allowedApprovalsReviewers"})
    #: Effective login methods after managed, forced-login, and workspace restrictions. An empty list
    #: permits no login method. Older servers may omit this field.
    allowed_login_methods: list[ForcedLoginMethod] | None = attrs.field(default=None, metadata={"wire": "allowedLoginMethods"})
    allowed_permission_profiles: dict[str, bool] | None = attrs.field(default=None, metadata={"wire": "allowedPermissionProfiles"})
    allowed_sandbox_modes: list[SandboxMode] | None = attrs.field(default=None, metadata={"wire": "allowedSandboxModes"})
    allowed_web_search_modes: list[WebSearchMode] | None = attrs.field(default=None, metadata={"wire": "allowedWebSearchModes"})
    allowed_windows_sandbox_implementations: list[WindowsSandboxImplementation] | None = attrs.field(default=None, metadata={"wire": "allowedWindowsSandboxImplementations"})
    application: ApplicationRequirements | None = None
    auto_review: AutoReviewRequirements | None = attrs.field(default=None, metadata={"wire": "autoReview"})
    browser_use: BrowserUseRequirements | None = attrs.field(default=None, metadata={"wire": "browserUse"})
    chatgpt_base_url: str | None = attrs.field(default=None, metadata={"wire": "chatgptBaseUrl"})
    check_for_update_on_startup: bool | None = attrs.field(default=None, metadata={"wire": "checkForUpdateOnStartup"})
    cli_auth_credentials_store: CliAuthCredentialsStoreMode | None = attrs.field(default=None, metadata={"wire": "cliAuthCredentialsStore"})
    computer_use: ComputerUseRequirements | None = attrs.field(default=None, metadata={"wire": "computerUse"})
    default_permissions: str | None = attrs.field(default=None, metadata={"wire": "defaultPermissions"})
    enforce_residency: ResidencyRequirement | None = attrs.field(default=None, metadata={"wire": "enforceResidency"})
    feature_requirements: dict[str, bool] | None = attrs.field(default=None, metadata={"wire": "featureRequirements"})
    feedback: FeedbackRequirements | None = None
    hooks: ManagedHooksRequirements | None = None
    in_app_browser: InAppBrowserRequirements | None = attrs.field(default=None, metadata={"wire": "inAppBrowser"})
    log_dir: str | None = attrs.field(default=None, metadata={"wire": "logDir"})
    model_catalog_json: str | None = attrs.field(default=None, metadata={"wire": "modelCatalogJson"})
    #: Exact provider selection required by managed policy.
    model_provider: str | None = attrs.field(default=None, metadata={"wire": "modelProvider"})
    #: Complete required provider definitions, using config.toml field names.
    model_providers: dict[str, Any] | None = attrs.field(default=None, metadata={"wire": "modelProviders"})
    models: ModelsRequirements | None = None
    network: NetworkRequirements | None = None
    sqlite_home: str | None = attrs.field(default=None, metadata={"wire": "sqliteHome"})


@attrs.frozen(kw_only=True)
class ConfigRequirementsReadResponse:
    #: Null if no requirements are configured (e.g. no requirements.toml/MDM entries).
    requirements: ConfigRequirements | None = None
    #: Whether Fast and Ultra Fast requirements are enforced independently. Older servers omit this
    #: field and use Fast mode as a shared speed gate.
    supports_independent_speed_modes: bool | None = attrs.field(default=None, metadata={"wire": "supportsIndependentSpeedModes"})


@attrs.frozen(kw_only=True)
class ConfigValueWriteParams:
    expected_version: str | None = attrs.field(default=None, metadata={"wire": "expectedVersion"})
    #: Path to the config file to write; defaults to the user's `config.toml` when omitted.
    file_path: str | None = attrs.field(default=None, metadata={"wire": "filePath"})
    key_path: str = attrs.field(metadata={"wire": "keyPath"})
    merge_strategy: MergeStrategy = attrs.field(metadata={"wire": "mergeStrategy"})
    value: Any


@attrs.frozen(kw_only=True)
class ConfigWarningNotification:
    #: Optional extra guidance or error details.
    details: str | None = None
    #: Optional path to the config file that triggered the warning.
    path: str | None = None
    #: Optional range for the error location inside the config file.
    range: TextRange | None = None
    #: Concise summary of the warning.
    summary: str


@attrs.frozen(kw_only=True)
class ConfigWriteResponse:
    #: Canonical path to the config file that was written.
    file_path: AbsolutePathBuf = attrs.field(metadata={"wire": "filePath"})
    overridden_metadata: OverriddenMetadata | None = attrs.field(default=None, metadata={"wire": "overriddenMetadata"})
    status: WriteStatus
    version: str


@attrs.frozen(kw_only=True)
class ConfigurationReasoning:
    """Reasoning settings interpreted by the backend for the routed model."""

    effort: ReasoningEffort


@attrs.frozen(kw_only=True)
class ConfigurationUpdateResponseItem:
    """A durable input control interpreted by the backend at its position in history."""

    reasoning: ConfigurationReasoning
    type: Literal["configuration_update"] = attrs.field(default="configuration_update", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ConfiguredHookMatcherGroup:
    hooks: list[ConfiguredHookHandler]
    matcher: str | None = None


@attrs.frozen(kw_only=True)
class ConnectorMetadata:
    """EXPERIMENTAL - metadata returned by app/read."""

    description: str | None = None
    distribution_channel: str | None = attrs.field(default=None, metadata={"wire": "distributionChannel"})
    icon_url: str | None = attrs.field(default=None, metadata={"wire": "iconUrl"})
    icon_url_dark: str | None = attrs.field(default=None, metadata={"wire": "iconUrlDark"})
    id: str
    install_url: str | None = attrs.field(default=None, metadata={"wire": "installUrl"})
    name: str
    plugin_display_names: list[str] | None = attrs.field(default=None, metadata={"wire": "pluginDisplayNames"})
    tool_summaries: list[AppToolSummary] | None = attrs.field(default=None, metadata={"wire": "toolSummaries"})


@attrs.frozen(kw_only=True)
class ConsumeAccountRateLimitResetCreditParams:
    #: Opaque reset-credit identifier to redeem. When omitted, the backend selects the next available
    #: credit.
    credit_id: str | None = attrs.field(default=None, metadata={"wire": "creditId"})
    #: Identifies one logical reset attempt. A UUID is recommended; reuse the same value when retrying
    #: that attempt.
    idempotency_key: str = attrs.field(metadata={"wire": "idempotencyKey"})


@attrs.frozen(kw_only=True)
class ConsumeAccountRateLimitResetCreditResponse:
    outcome: ConsumeAccountRateLimitResetCreditOutcome


@attrs.frozen(kw_only=True)
class ContextCompactedNotification:
    """Deprecated: Use `ContextCompaction` item type instead."""

    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class ContextCompactionResponseItem:
    encrypted_content: str | None = None
    id: str | None = None
    internal_chat_message_metadata_passthrough: InternalChatMessageMetadataPassthrough | None = None
    type: Literal["context_compaction"] = attrs.field(default="context_compaction", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ContextCompactionThreadItem:
    id: str
    type: Literal["contextCompaction"] = attrs.field(default="contextCompaction", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class CreditsSnapshot:
    balance: str | None = None
    has_credits: bool = attrs.field(metadata={"wire": "hasCredits"})
    unlimited: bool


@attrs.frozen(kw_only=True)
class CurrentTimeReadParams:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class CurrentTimeReadResponse:
    #: Current time as whole Unix seconds.
    current_time_at: int = attrs.field(metadata={"wire": "currentTimeAt"})


@attrs.frozen(kw_only=True)
class CustomMultiAgentMode:
    custom: str


@attrs.frozen(kw_only=True)
class CustomReviewTarget:
    """Arbitrary instructions, equivalent to the old free-form prompt."""

    instructions: str
    type: Literal["custom"] = attrs.field(default="custom", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class CustomSessionSource:
    custom: str


@attrs.frozen(kw_only=True)
class CustomToolCallOutputResponseItem:
    call_id: str
    id: str | None = None
    internal_chat_message_metadata_passthrough: InternalChatMessageMetadataPassthrough | None = None
    name: str | None = None
    output: FunctionCallOutputBody
    type: Literal["custom_tool_call_output"] = attrs.field(default="custom_tool_call_output", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class CustomToolCallResponseItem:
    call_id: str
    encrypted_content: str | None = None
    id: str | None = None
    input: str
    internal_chat_message_metadata_passthrough: InternalChatMessageMetadataPassthrough | None = None
    name: str
    namespace: str | None = None
    status: str | None = None
    type: Literal["custom_tool_call"] = attrs.field(default="custom_tool_call", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class DailyScheduledTaskSchedule:
    time: str
    type: Literal["daily"] = attrs.field(default="daily", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class DangerFullAccessSandboxPolicy:
    type: Literal["dangerFullAccess"] = attrs.field(default="dangerFullAccess", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class DeleteFileChange:
    content: str
    type: Literal["delete"] = attrs.field(default="delete", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class DeletePatchChangeKind:
    type: Literal["delete"] = attrs.field(default="delete", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class DeniedReviewDecision:
    """User has denied this command and the agent should not execute it, but it should continue the session
    and try something else.
    """

    denied: DeniedReviewDecisionBody


@attrs.frozen(kw_only=True)
class DeniedReviewDecisionBody:
    rejection: str


@attrs.frozen(kw_only=True)
class DeprecationNoticeNotification:
    #: Optional extra guidance, such as migration steps or rationale.
    details: str | None = None
    #: Concise summary of what is deprecated.
    summary: str


@attrs.frozen(kw_only=True)
class DynamicToolCallParams:
    arguments: Any
    call_id: str = attrs.field(metadata={"wire": "callId"})
    namespace: str | None = None
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    tool: str
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class DynamicToolCallResponse:
    content_items: list[DynamicToolCallOutputContentItem] = attrs.field(metadata={"wire": "contentItems"})
    success: bool


@attrs.frozen(kw_only=True)
class DynamicToolCallThreadItem:
    arguments: Any
    content_items: list[DynamicToolCallOutputContentItem] | None = attrs.field(default=None, metadata={"wire": "contentItems"})
    #: The duration of the dynamic tool call in milliseconds.
    duration_ms: int | None = attrs.field(default=None, metadata={"wire": "durationMs"})
    id: str
    namespace: str | None = None
    status: DynamicToolCallStatus
    success: bool | None = None
    tool: str
    type: Literal["dynamicToolCall"] = attrs.field(default="dynamicToolCall", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class EncryptedContentAgentMessageInputContent:
    encrypted_content: str
    type: Literal["encrypted_content"] = attrs.field(default="encrypted_content", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class EncryptedContentFunctionCallOutputContentItem:
    encrypted_content: str
    type: Literal["encrypted_content"] = attrs.field(default="encrypted_content", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class EnteredReviewModeThreadItem:
    id: str
    review: str
    type: Literal["enteredReviewMode"] = attrs.field(default="enteredReviewMode", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class EnterpriseManagedConfigLayerSource:
    """Enterprise-managed config layer delivered by the cloud config bundle."""

    #: Stable identifier for the delivered layer.
    id: str
    #: Admin-facing name for the delivered layer. This is surfaced in diagnostics so users know which
    #: cloud layer needs administrator attention.
    name: str
    type: Literal["enterpriseManaged"] = attrs.field(default="enterpriseManaged", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class EnvironmentAddParams:
    #: Optional raw bearer token for executor authentication, including reconnects. Requires a secure
    #: transport or a loopback destination.
    auth_bearer_token: str | None = attrs.field(default=None, metadata={"wire": "authBearerToken"})
    #: Optional WebSocket connection timeout. The server default applies when omitted.
    connect_timeout_ms: int | None = attrs.field(default=None, metadata={"wire": "connectTimeoutMs"})
    environment_id: str = attrs.field(metadata={"wire": "environmentId"})
    exec_server_url: str = attrs.field(metadata={"wire": "execServerUrl"})
    #: Required skills supplied by this environment, checked before model inference.
    skills: EnvironmentSkillsParams | None = None
    #: Optional X-Request-ID for the direct WebSocket upgrade, including reconnects. Requires a secure
    #: transport or a loopback destination.
    websocket_request_id: str | None = attrs.field(default=None, metadata={"wire": "websocketRequestId"})


@attrs.frozen(kw_only=True)
class EnvironmentAddResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class EnvironmentBedrockSetupParams:
    region: str
    type: Literal["environment"] = attrs.field(default="environment", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class EnvironmentCapabilityRootLocation:
    """A path owned by an execution environment."""

    environment_id: str = attrs.field(metadata={"wire": "environmentId"})
    #: Absolute path for the root in the selected environment.
    path: str
    type: Literal["environment"] = attrs.field(default="environment", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class EnvironmentConnectionNotification:
    environment_id: str = attrs.field(metadata={"wire": "environmentId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class EnvironmentInfoParams:
    environment_id: str = attrs.field(metadata={"wire": "environmentId"})


@attrs.frozen(kw_only=True)
class EnvironmentInfoResponse:
    #: Default working directory reported by the environment, as a canonical file URI.
    cwd: PathUri | None = None
    shell: EnvironmentShellInfo


@attrs.frozen(kw_only=True)
class EnvironmentShellInfo:
    #: Stable shell name, for example `zsh`, `bash`, `powershell`, `sh`, or `cmd`.
    name: str
    #: Target-native shell executable path or command name.
    path: str


@attrs.frozen(kw_only=True)
class EnvironmentSkillsParams:
    #: Exact catalog names that must be available from this environment.
    required: list[str] | None = None


@attrs.frozen(kw_only=True)
class EnvironmentStatusParams:
    """Parameters for reading the current status of one configured environment."""

    #: Environment id to inspect.
    environment_id: str = attrs.field(metadata={"wire": "environmentId"})


@attrs.frozen(kw_only=True)
class EnvironmentStatusResponse:
    """Current status for the requested environment."""

    #: Human-readable detail for `disconnected` and `unknown`; omitted for other statuses.
    error: str | None = None
    #: Current status observed without starting or recovering the environment.
    status: EnvironmentStatusKind


@attrs.frozen(kw_only=True)
class ErrorNotification:
    error: TurnError
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})
    will_retry: bool = attrs.field(metadata={"wire": "willRetry"})


@attrs.frozen(kw_only=True)
class ExecCommandApprovalParams:
    #: Identifier for this specific approval callback.
    approval_id: str | None = attrs.field(default=None, metadata={"wire": "approvalId"})
    #: Use to correlate this with [codex_protocol::protocol::ExecCommandBeginEvent] and
    #: [codex_protocol::protocol::ExecCommandEndEvent].
    call_id: str = attrs.field(metadata={"wire": "callId"})
    command: list[str]
    conversation_id: ThreadId = attrs.field(metadata={"wire": "conversationId"})
    cwd: str
    parsed_cmd: list[ParsedCommand] = attrs.field(metadata={"wire": "parsedCmd"})
    reason: str | None = None


@attrs.frozen(kw_only=True)
class ExecCommandApprovalResponse:
    decision: ReviewDecision


@attrs.frozen(kw_only=True)
class ExecLocalShellAction:
    command: list[str]
    env: dict[str, str] | None = None
    timeout_ms: int | None = None
    type: Literal["exec"] = attrs.field(default="exec", metadata={"tag": True})
    user: str | None = None
    working_directory: str | None = None


@attrs.frozen(kw_only=True)
class ExecveGuardianApprovalReviewAction:
    argv: list[str]
    cwd: AbsolutePathBuf
    program: str
    source: GuardianCommandSource
    type: Literal["execve"] = attrs.field(default="execve", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ExistingCallThreadRealtimeStartTransport:
    #: Identifier of a realtime call already created and negotiated by the client.
    call_id: str = attrs.field(metadata={"wire": "callId"})
    type: Literal["existingCall"] = attrs.field(default="existingCall", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ExitedReviewModeThreadItem:
    id: str
    review: str
    type: Literal["exitedReviewMode"] = attrs.field(default="exitedReviewMode", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ExperimentalFeature:
    #: Announcement copy shown to users when the feature is introduced. Null when this feature is not
    #: in beta.
    announcement: str | None = None
    #: Whether this feature is enabled by default.
    default_enabled: bool = attrs.field(metadata={"wire": "defaultEnabled"})
    #: Short summary describing what the feature does. Null when this feature is not in beta.
    description: str | None = None
    #: User-facing display name shown in the experimental features UI. Null when this feature is not
    #: in beta.
    display_name: str | None = attrs.field(default=None, metadata={"wire": "displayName"})
    #: Whether this feature is currently enabled in the loaded config.
    enabled: bool
    #: Stable key used in config.toml and CLI flag toggles.
    name: str
    #: Lifecycle stage of this feature flag.
    stage: ExperimentalFeatureStage


@attrs.frozen(kw_only=True)
class ExperimentalFeatureEnablementSetParams:
    #: Process-wide runtime feature enablement keyed by canonical feature name.
    enablement: dict[str, bool]


@attrs.frozen(kw_only=True)
class ExperimentalFeatureEnablementSetResponse:
    #: Feature enablement entries updated by this request.
    enablement: dict[str, bool]


@attrs.frozen(kw_only=True)
class ExperimentalFeatureListParams:
    #: Opaque pagination cursor returned by a previous call.
    cursor: str | None = None
    #: Optional page size; defaults to a reasonable server-side value.
    limit: int | None = None
    #: Optional loaded thread id. Pass this when showing feature state for an existing thread so
    #: enablement is computed from that thread's refreshed config, including project-local config for
    #: the...
    thread_id: str | None = attrs.field(default=None, metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ExperimentalFeatureListResponse:
    data: list[ExperimentalFeature]
    #: Opaque cursor to pass to the next call to continue after the last item. If None, there are no
    #: more items to return.
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class ExternalAgentConfigDetectParams:
    #: Zero or more working directories to include for repo-scoped detection.
    cwds: list[str] | None = None
    #: If true, include detection under the user's home directory.
    include_home: bool | None = attrs.field(default=None, metadata={"wire": "includeHome"})
    #: Maximum age in days for detected sessions. Missing values use the default limit.
    max_session_age_days: int | None = attrs.field(default=None, metadata={"wire": "maxSessionAgeDays"})
    #: Maximum number of sessions to detect. Missing values use the default limit.
    max_sessions: int | None = attrs.field(default=None, metadata={"wire": "maxSessions"})
    #: Optional migration-source selector. Missing or unrecognized values use the default source.
    migration_source: str | None = attrs.field(default=None, metadata={"wire": "migrationSource"})
    #: Deprecated field retained for compatibility. This field is ignored; use `migrationSource` to
    #: select the migration source.
    source: str | None = None


@attrs.frozen(kw_only=True)
class ExternalAgentConfigDetectResponse:
    connectors: list[ExternalAgentDetectedConnectorCandidate] | None = None
    items: list[ExternalAgentConfigMigrationItem]


@attrs.frozen(kw_only=True)
class ExternalAgentConfigImportCompletedNotification:
    import_id: str = attrs.field(metadata={"wire": "importId"})
    item_type_results: list[ExternalAgentConfigImportTypeResult] = attrs.field(metadata={"wire": "itemTypeResults"})


@attrs.frozen(kw_only=True)
class ExternalAgentConfigImportHistoriesReadResponse:
    connectors: list[ExternalAgentImportedConnectorCandidate]
    data: list[ExternalAgentConfigImportHistory]


@attrs.frozen(kw_only=True)
class ExternalAgentConfigImportHistory:
    completed_at_ms: int = attrs.field(metadata={"wire": "completedAtMs"})
    failures: list[ExternalAgentConfigImportItemTypeFailure]
    import_id: str = attrs.field(metadata={"wire": "importId"})
    provider_id: str | None = attrs.field(default=None, metadata={"wire": "providerId"})
    successes: list[ExternalAgentConfigImportItemTypeSuccess]


@attrs.frozen(kw_only=True)
class ExternalAgentConfigImportHistoryRecordParams:
    #: Completed results grouped by imported item type.
    item_type_results: list[ExternalAgentConfigImportHistoryRecordTypeResultParams] = attrs.field(metadata={"wire": "itemTypeResults"})
    #: Opaque provider identifier for the externally completed import.
    provider_id: str = attrs.field(metadata={"wire": "providerId"})


@attrs.frozen(kw_only=True)
class ExternalAgentConfigImportHistoryRecordResponse:
    import_id: str = attrs.field(metadata={"wire": "importId"})


@attrs.frozen(kw_only=True)
class ExternalAgentConfigImportHistoryRecordSuccessParams:
    cwd: str | None = None
    item_type: ExternalAgentConfigMigrationItemType = attrs.field(metadata={"wire": "itemType"})
    source: str | None = None
    target: str | None = None
    #: Original title for an imported session, when available.
    title: str | None = None


@attrs.frozen(kw_only=True)
class ExternalAgentConfigImportHistoryRecordTypeResultParams:
    failures: list[ExternalAgentConfigImportItemTypeFailure]
    item_type: ExternalAgentConfigMigrationItemType = attrs.field(metadata={"wire": "itemType"})
    successes: list[ExternalAgentConfigImportHistoryRecordSuccessParams]


@attrs.frozen(kw_only=True)
class ExternalAgentConfigImportItemTypeFailure:
    cwd: str | None = None
    error_type: str | None = attrs.field(default=None, metadata={"wire": "errorType"})
    failure_stage: str = attrs.field(metadata={"wire": "failureStage"})
    item_type: ExternalAgentConfigMigrationItemType = attrs.field(metadata={"wire": "itemType"})
    message: str
    source: str | None = None
    sub_error_type: str | None = attrs.field(default=None, metadata={"wire": "subErrorType"})


@attrs.frozen(kw_only=True)
class ExternalAgentConfigImportItemTypeSuccess:
    cwd: str | None = None
    item_type: ExternalAgentConfigMigrationItemType = attrs.field(metadata={"wire": "itemType"})
    source: str | None = None
    target: str | None = None
    #: Original title for an imported session; null for other item types.
    title: str | None = None


@attrs.frozen(kw_only=True)
class ExternalAgentConfigImportParams:
    migration_items: list[ExternalAgentConfigMigrationItem] = attrs.field(metadata={"wire": "migrationItems"})
    #: Migration-source selector used to produce the migration items. Pass the same value to detection
    #: and import; missing or unrecognized values use the default source.
    migration_source: str | None = attrs.field(default=None, metadata={"wire": "migrationSource"})
    #: Opaque provider identifier supplied by the caller for analytics attribution and import history
    #: display. This does not select the migration source.
    provider_id: str | None = attrs.field(default=None, metadata={"wire": "providerId"})
    #: Optional identifier for the product that initiated the import.
    source: str | None = None


@attrs.frozen(kw_only=True)
class ExternalAgentConfigImportProgressNotification:
    import_id: str = attrs.field(metadata={"wire": "importId"})
    item_type_results: list[ExternalAgentConfigImportTypeResult] = attrs.field(metadata={"wire": "itemTypeResults"})


@attrs.frozen(kw_only=True)
class ExternalAgentConfigImportResponse:
    import_id: str = attrs.field(metadata={"wire": "importId"})


@attrs.frozen(kw_only=True)
class ExternalAgentConfigImportTypeResult:
    failures: list[ExternalAgentConfigImportItemTypeFailure]
    item_type: ExternalAgentConfigMigrationItemType = attrs.field(metadata={"wire": "itemType"})
    successes: list[ExternalAgentConfigImportItemTypeSuccess]


@attrs.frozen(kw_only=True)
class ExternalAgentConfigMigrationItem:
    #: Null or empty means home-scoped migration; non-empty means repo-scoped migration.
    cwd: str | None = None
    description: str
    details: MigrationDetails | None = None
    item_type: ExternalAgentConfigMigrationItemType = attrs.field(metadata={"wire": "itemType"})


@attrs.frozen(kw_only=True)
class ExternalAgentDetectedConnectorCandidate:
    name: str
    session_count: int = attrs.field(metadata={"wire": "sessionCount"})
    source: ExternalAgentDetectedConnectorSource


@attrs.frozen(kw_only=True)
class ExternalAgentImportedConnectorCandidate:
    name: str
    session_count: int = attrs.field(metadata={"wire": "sessionCount"})
    source: ExternalAgentImportedConnectorSource = attrs.field(default="remoteMcpServersConfig", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ExternalSandboxSandboxPolicy:
    network_access: NetworkAccess | None = attrs.field(default=None, metadata={"wire": "networkAccess"})
    type: Literal["externalSandbox"] = attrs.field(default="externalSandbox", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class FailedThreadPredictionResult:
    type: Literal["failed"] = attrs.field(default="failed", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class FailedUserVerificationErrorDetails:
    reason: UserVerificationFailureReason
    type: Literal["failed"] = attrs.field(default="failed", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class FeedbackRequirements:
    enabled: bool | None = None


@attrs.frozen(kw_only=True)
class FeedbackUploadParams:
    classification: str
    extra_log_files: list[str] | None = attrs.field(default=None, metadata={"wire": "extraLogFiles"})
    include_logs: bool | None = attrs.field(default=None, metadata={"wire": "includeLogs"})
    reason: str | None = None
    tags: dict[str, str] | None = None
    thread_id: str | None = attrs.field(default=None, metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class FeedbackUploadResponse:
    #: Whitespace-normalized SHA-256 of the session base instructions, matching the uploaded
    #: `prompt_hash` tag. Does not include later developer messages. Null when the reported rollout
    #: has no prompt...
    prompt_hash: str | None = attrs.field(default=None, metadata={"wire": "promptHash"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class FileChangeOutputDeltaNotification:
    """Deprecated legacy notification for `apply_patch` textual output."""

    delta: str
    item_id: str = attrs.field(metadata={"wire": "itemId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class FileChangePatchUpdatedNotification:
    changes: list[FileUpdateChange]
    item_id: str = attrs.field(metadata={"wire": "itemId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class FileChangeRequestApprovalParams:
    #: [UNSTABLE] When set, the agent is asking the user to allow writes under this root for the
    #: remainder of the session (unclear if this is honored today).
    grant_root: str | None = attrs.field(default=None, metadata={"wire": "grantRoot"})
    item_id: str = attrs.field(metadata={"wire": "itemId"})
    #: Optional explanatory reason (e.g. request for extra write access).
    reason: str | None = None
    #: Unix timestamp (in milliseconds) when this approval request started.
    started_at_ms: int = attrs.field(metadata={"wire": "startedAtMs"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class FileChangeRequestApprovalResponse:
    decision: FileChangeApprovalDecision


@attrs.frozen(kw_only=True)
class FileChangeThreadItem:
    changes: list[FileUpdateChange]
    id: str
    status: PatchApplyStatus
    type: Literal["fileChange"] = attrs.field(default="fileChange", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class FileSystemSandboxEntry:
    access: FileSystemAccessMode
    path: FileSystemPath


@attrs.frozen(kw_only=True)
class FileUpdateChange:
    diff: str
    kind: PatchChangeKind
    path: str


@attrs.frozen(kw_only=True)
class FindInPageResponsesApiWebSearchAction:
    pattern: str | None = None
    type: Literal["find_in_page"] = attrs.field(default="find_in_page", metadata={"tag": True})
    url: str | None = None


@attrs.frozen(kw_only=True)
class FindInPageWebSearchAction:
    pattern: str | None = None
    type: Literal["findInPage"] = attrs.field(default="findInPage", metadata={"tag": True})
    url: str | None = None


@attrs.frozen(kw_only=True)
class FormMcpServerElicitationRequestParams:
    meta: Any = attrs.field(default=None, metadata={"wire": "_meta"})
    message: str
    mode: Literal["form"] = attrs.field(default="form", metadata={"tag": True})
    requested_schema: McpElicitationSchema = attrs.field(metadata={"wire": "requestedSchema"})
    server_name: str = attrs.field(metadata={"wire": "serverName"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    #: Active Codex turn when this elicitation was observed, if app-server could correlate one.
    turn_id: str | None = attrs.field(default=None, metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class FsChangedNotification:
    """Filesystem watch notification emitted for `fs/watch` subscribers."""

    #: File or directory paths associated with this event.
    changed_paths: list[AbsolutePathBuf] = attrs.field(metadata={"wire": "changedPaths"})
    #: Watch identifier previously provided to `fs/watch`.
    watch_id: str = attrs.field(metadata={"wire": "watchId"})


@attrs.frozen(kw_only=True)
class FsCopyParams:
    """Copy a file or directory tree on the host filesystem."""

    #: Absolute destination path.
    destination_path: AbsolutePathBuf = attrs.field(metadata={"wire": "destinationPath"})
    #: Required for directory copies; ignored for file copies.
    recursive: bool | None = None
    #: Absolute source path.
    source_path: AbsolutePathBuf = attrs.field(metadata={"wire": "sourcePath"})


@attrs.frozen(kw_only=True)
class FsCopyResponse:
    """Successful response for `fs/copy`."""


@attrs.frozen(kw_only=True)
class FsCreateDirectoryParams:
    """Create a directory on the host filesystem."""

    #: Absolute directory path to create.
    path: AbsolutePathBuf
    #: Whether parent directories should also be created. Defaults to `true`.
    recursive: bool | None = None


@attrs.frozen(kw_only=True)
class FsCreateDirectoryResponse:
    """Successful response for `fs/createDirectory`."""


@attrs.frozen(kw_only=True)
class FsGetMetadataParams:
    """Request metadata for an absolute path."""

    #: Absolute path to inspect.
    path: AbsolutePathBuf


@attrs.frozen(kw_only=True)
class FsGetMetadataResponse:
    """Metadata returned by `fs/getMetadata`."""

    #: File creation time in Unix milliseconds when available, otherwise `0`.
    created_at_ms: int = attrs.field(metadata={"wire": "createdAtMs"})
    #: Whether the path resolves to a directory.
    is_directory: bool = attrs.field(metadata={"wire": "isDirectory"})
    #: Whether the path resolves to a regular file.
    is_file: bool = attrs.field(metadata={"wire": "isFile"})
    #: Whether the path itself is a symbolic link.
    is_symlink: bool = attrs.field(metadata={"wire": "isSymlink"})
    #: File modification time in Unix milliseconds when available, otherwise `0`.
    modified_at_ms: int = attrs.field(metadata={"wire": "modifiedAtMs"})


@attrs.frozen(kw_only=True)
class FsReadDirectoryEntry:
    """A directory entry returned by `fs/readDirectory`."""

    #: Direct child entry name only, not an absolute or relative path.
    file_name: str = attrs.field(metadata={"wire": "fileName"})
    #: Whether this entry resolves to a directory.
    is_directory: bool = attrs.field(metadata={"wire": "isDirectory"})
    #: Whether this entry resolves to a regular file.
    is_file: bool = attrs.field(metadata={"wire": "isFile"})


@attrs.frozen(kw_only=True)
class FsReadDirectoryParams:
    """List direct child names for a directory."""

    #: Absolute directory path to read.
    path: AbsolutePathBuf


@attrs.frozen(kw_only=True)
class FsReadDirectoryResponse:
    """Directory entries returned by `fs/readDirectory`."""

    #: Direct child entries in the requested directory.
    entries: list[FsReadDirectoryEntry]


@attrs.frozen(kw_only=True)
class FsReadFileParams:
    """Read a file from the host filesystem."""

    #: Absolute path to read.
    path: AbsolutePathBuf


@attrs.frozen(kw_only=True)
class FsReadFileResponse:
    """Base64-encoded file contents returned by `fs/readFile`."""

    #: File contents encoded as base64.
    data_base64: str = attrs.field(metadata={"wire": "dataBase64"})


@attrs.frozen(kw_only=True)
class FsRemoveParams:
    """Remove a file or directory tree from the host filesystem."""

    #: Whether missing paths should be ignored. Defaults to `true`.
    force: bool | None = None
    #: Absolute path to remove.
    path: AbsolutePathBuf
    #: Whether directory removal should recurse. Defaults to `true`.
    recursive: bool | None = None


@attrs.frozen(kw_only=True)
class FsRemoveResponse:
    """Successful response for `fs/remove`."""


@attrs.frozen(kw_only=True)
class FsUnwatchParams:
    """Stop filesystem watch notifications for a prior `fs/watch`."""

    #: Watch identifier previously provided to `fs/watch`.
    watch_id: str = attrs.field(metadata={"wire": "watchId"})


@attrs.frozen(kw_only=True)
class FsUnwatchResponse:
    """Successful response for `fs/unwatch`."""


@attrs.frozen(kw_only=True)
class FsWatchParams:
    """Start filesystem watch notifications for an absolute path."""

    #: Absolute file or directory path to watch.
    path: AbsolutePathBuf
    #: Connection-scoped watch identifier used for `fs/unwatch` and `fs/changed`.
    watch_id: str = attrs.field(metadata={"wire": "watchId"})


@attrs.frozen(kw_only=True)
class FsWatchResponse:
    """Successful response for `fs/watch`."""

    #: Canonicalized path associated with the watch.
    path: AbsolutePathBuf


@attrs.frozen(kw_only=True)
class FsWriteFileParams:
    """Write a file on the host filesystem."""

    #: File contents encoded as base64.
    data_base64: str = attrs.field(metadata={"wire": "dataBase64"})
    #: Absolute path to write.
    path: AbsolutePathBuf


@attrs.frozen(kw_only=True)
class FsWriteFileResponse:
    """Successful response for `fs/writeFile`."""


@attrs.frozen(kw_only=True)
class FunctionCallOutputResponseItem:
    call_id: str | None = None
    id: str | None = None
    internal_chat_message_metadata_passthrough: InternalChatMessageMetadataPassthrough | None = None
    name: str | None = None
    namespace: str | None = None
    output: FunctionCallOutputBody
    type: Literal["function_call_output"] = attrs.field(default="function_call_output", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class FunctionCallOutputThreadItem:
    id: str
    name: str
    namespace: str | None = None
    output: FunctionCallOutputBody
    type: Literal["functionCallOutput"] = attrs.field(default="functionCallOutput", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class FunctionCallResponseItem:
    arguments: str
    call_id: str
    encrypted_content: str | None = None
    encrypted_function_args: list[str] | None = None
    id: str | None = None
    internal_chat_message_metadata_passthrough: InternalChatMessageMetadataPassthrough | None = None
    name: str
    namespace: str | None = None
    status: str | None = None
    type: Literal["function_call"] = attrs.field(default="function_call", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class FunctionDynamicToolNamespaceTool:
    defer_loading: bool | None = attrs.field(default=None, metadata={"wire": "deferLoading"})
    description: str
    input_schema: Any = attrs.field(metadata={"wire": "inputSchema"})
    name: str
    type: Literal["function"] = attrs.field(default="function", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class FunctionDynamicToolSpec:
    defer_loading: bool | None = attrs.field(default=None, metadata={"wire": "deferLoading"})
    description: str
    input_schema: Any = attrs.field(metadata={"wire": "inputSchema"})
    name: str
    type: Literal["function"] = attrs.field(default="function", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class FuzzyFileSearchParams:
    cancellation_token: str | None = attrs.field(default=None, metadata={"wire": "cancellationToken"})
    query: str
    roots: list[str]


@attrs.frozen(kw_only=True)
class FuzzyFileSearchResponse:
    files: list[FuzzyFileSearchResult]


@attrs.frozen(kw_only=True)
class FuzzyFileSearchResult:
    """Superset of [`codex_file_search::FileMatch`]"""

    file_name: str
    indices: list[int] | None = None
    match_type: FuzzyFileSearchMatchType
    path: str
    root: str
    score: int


@attrs.frozen(kw_only=True)
class FuzzyFileSearchSessionCompletedNotification:
    session_id: str = attrs.field(metadata={"wire": "sessionId"})


@attrs.frozen(kw_only=True)
class FuzzyFileSearchSessionStartParams:
    roots: list[str]
    session_id: str = attrs.field(metadata={"wire": "sessionId"})


@attrs.frozen(kw_only=True)
class FuzzyFileSearchSessionStartResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class FuzzyFileSearchSessionStopParams:
    session_id: str = attrs.field(metadata={"wire": "sessionId"})


@attrs.frozen(kw_only=True)
class FuzzyFileSearchSessionStopResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class FuzzyFileSearchSessionUpdateParams:
    query: str
    session_id: str = attrs.field(metadata={"wire": "sessionId"})


@attrs.frozen(kw_only=True)
class FuzzyFileSearchSessionUpdateResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class FuzzyFileSearchSessionUpdatedNotification:
    files: list[FuzzyFileSearchResult]
    query: str
    session_id: str = attrs.field(metadata={"wire": "sessionId"})


@attrs.frozen(kw_only=True)
class GatewayOAuthCancelResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class GatewayOAuthChangedNotification:
    #: Authorization handoff, sent only to the connection that started login.
    auth_url: str | None = attrs.field(default=None, metadata={"wire": "authUrl"})
    error: str | None = None
    provider_id: str = attrs.field(metadata={"wire": "providerId"})
    status: GatewayOAuthStatus


@attrs.frozen(kw_only=True)
class GatewayOAuthLoginResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class GatewayOAuthReadResponse:
    """Current effective gateway policy and credential readiness; never contains credentials."""

    error: str | None = None
    provider_id: str = attrs.field(metadata={"wire": "providerId"})
    provider_name: str = attrs.field(metadata={"wire": "providerName"})
    #: Whether the selected provider uses gateway OAuth, even when already signed in.
    required: bool
    #: Null when the effective provider does not use gateway OAuth.
    status: GatewayOAuthStatus | None = None


@attrs.frozen(kw_only=True)
class GetAccountParams:
    #: When `true`, requests a proactive token refresh before returning.
    refresh_token: bool | None = attrs.field(default=None, metadata={"wire": "refreshToken"})


@attrs.frozen(kw_only=True)
class GetAccountRateLimitsParams:
    """Usage-read capabilities of the requesting client, never inferred from its experiment arm."""

    #: Skip the separate reset-credit detail lookup for background usage polls. The usage response
    #: still includes the available count; omitted/false preserves detailed reads.
    exclude_reset_credit_details: bool | None = attrs.field(default=None, metadata={"wire": "excludeResetCreditDetails"})
    #: The client supports automatic Luna Reserve fallback. For eligible ChatGPT CLI users, allow the
    #: backend to record experiment exposure after ordinary usage is blocked.
    supports_luna_reserve: bool | None = attrs.field(default=None, metadata={"wire": "supportsLunaReserve"})


@attrs.frozen(kw_only=True)
class GetAccountRateLimitsResponse:
    #: Account associated with this usage snapshot, when supplied by the backend.
    account_id: str | None = attrs.field(default=None, metadata={"wire": "accountId"})
    #: Backend permission for ordinary included usage, validated against the active account. Null
    #: means unavailable; clients must not infer recovery from percentages or reset times.
    ordinary_usage_allowed: bool | None = attrs.field(default=None, metadata={"wire": "ordinaryUsageAllowed"})
    rate_limit_reset_credits: RateLimitResetCreditsSummary | None = attrs.field(default=None, metadata={"wire": "rateLimitResetCredits"})
    #: Optional backend-owned banner from the same usage read. Its nested keys retain the backend's
    #: snake_case contract; an absent banner leaves the client's existing UI unchanged.
    rate_limit_upsell: Any = attrs.field(default=None, metadata={"wire": "rateLimitUpsell"})
    #: Backward-compatible single-bucket view; mirrors the historical payload.
    rate_limits: RateLimitSnapshot = attrs.field(metadata={"wire": "rateLimits"})
    #: Multi-bucket view keyed by metered `limit_id` (for example, `codex`).
    rate_limits_by_limit_id: dict[str, RateLimitSnapshot] | None = attrs.field(default=None, metadata={"wire": "rateLimitsByLimitId"})


@attrs.frozen(kw_only=True)
class GetAccountResponse:
    account: Account | None = None
    requires_openai_auth: bool = attrs.field(metadata={"wire": "requiresOpenaiAuth"})
    workspace_routing: WorkspaceRouting | None = attrs.field(default=None, metadata={"wire": "workspaceRouting"})


@attrs.frozen(kw_only=True)
class GetAccountTokenUsageParams:
    #: When present, read estimated usage for this thread instead of account-wide token activity.
    thread_id: str | None = attrs.field(default=None, metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class GetAccountTokenUsageResponse:
    daily_usage_buckets: list[AccountTokenUsageDailyBucket] | None = attrs.field(default=None, metadata={"wire": "dailyUsageBuckets"})
    summary: AccountTokenUsageSummary
    #: Estimated usage when a thread was requested and its billing route is available.
    thread_usage: ThreadUsage | None = attrs.field(default=None, metadata={"wire": "threadUsage"})


@attrs.frozen(kw_only=True)
class GetWorkspaceMessagesResponse:
    #: Whether the workspace-message backend route is available for this client.
    feature_enabled: bool = attrs.field(metadata={"wire": "featureEnabled"})
    #: Active workspace messages returned by the backend.
    messages: list[WorkspaceMessage]


@attrs.frozen(kw_only=True)
class GitInfo:
    branch: str | None = None
    origin_url: str | None = attrs.field(default=None, metadata={"wire": "originUrl"})
    sha: str | None = None


@attrs.frozen(kw_only=True)
class GitPluginSource:
    path: str | None = None
    ref_name: str | None = attrs.field(default=None, metadata={"wire": "refName"})
    sha: str | None = None
    type: Literal["git"] = attrs.field(default="git", metadata={"tag": True})
    url: str


@attrs.frozen(kw_only=True)
class GlobPatternFileSystemPath:
    pattern: str
    type: Literal["glob_pattern"] = attrs.field(default="glob_pattern", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class GrantedPermissionProfile:
    file_system: AdditionalFileSystemPermissions | None = attrs.field(default=None, metadata={"wire": "fileSystem"})
    network: AdditionalNetworkPermissions | None = None


@attrs.frozen(kw_only=True)
class GranularAskForApproval:
    granular: GranularAskForApprovalBody


@attrs.frozen(kw_only=True)
class GranularAskForApprovalBody:
    mcp_elicitations: bool
    request_permissions: bool | None = None
    rules: bool
    sandbox_approval: bool
    skill_approval: bool | None = None


@attrs.frozen(kw_only=True)
class GuardianApprovalReview:
    """[UNSTABLE] Temporary approval auto-review payload used by `item/autoApprovalReview/*` notifications.
    This shape is expected to change soon.
    """

    rationale: str | None = None
    risk_level: GuardianRiskLevel | None = attrs.field(default=None, metadata={"wire": "riskLevel"})
    status: GuardianApprovalReviewStatus
    user_authorization: GuardianUserAuthorization | None = attrs.field(default=None, metadata={"wire": "userAuthorization"})


@attrs.frozen(kw_only=True)
class GuardianWarningNotification:
    #: Concise guardian warning message for the user.
    message: str
    #: Thread target for the guardian warning.
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class HookCompletedNotification:
    run: HookRunSummary
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str | None = attrs.field(default=None, metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class HookErrorInfo:
    message: str
    path: str


@attrs.frozen(kw_only=True)
class HookMigration:
    name: str


@attrs.frozen(kw_only=True)
class HookOutputEntry:
    kind: HookOutputEntryKind
    text: str


@attrs.frozen(kw_only=True)
class HookPromptFragment:
    hook_run_id: str = attrs.field(metadata={"wire": "hookRunId"})
    text: str


@attrs.frozen(kw_only=True)
class HookPromptThreadItem:
    fragments: list[HookPromptFragment]
    id: str
    type: Literal["hookPrompt"] = attrs.field(default="hookPrompt", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class HookRunSummary:
    completed_at: int | None = attrs.field(default=None, metadata={"wire": "completedAt"})
    display_order: int = attrs.field(metadata={"wire": "displayOrder"})
    duration_ms: int | None = attrs.field(default=None, metadata={"wire": "durationMs"})
    entries: list[HookOutputEntry]
    event_name: HookEventName = attrs.field(metadata={"wire": "eventName"})
    execution_mode: HookExecutionMode = attrs.field(metadata={"wire": "executionMode"})
    handler_type: HookHandlerType = attrs.field(metadata={"wire": "handlerType"})
    id: str
    scope: HookScope
    source: HookSource | None = None
    source_path: AbsolutePathBuf = attrs.field(metadata={"wire": "sourcePath"})
    started_at: int = attrs.field(metadata={"wire": "startedAt"})
    status: HookRunStatus
    status_message: str | None = attrs.field(default=None, metadata={"wire": "statusMessage"})


@attrs.frozen(kw_only=True)
class HookStartedNotification:
    run: HookRunSummary
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str | None = attrs.field(default=None, metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class HooksListEntry:
    cwd: str
    errors: list[HookErrorInfo]
    hooks: list[HookMetadata]
    warnings: list[str]


@attrs.frozen(kw_only=True)
class HooksListParams:
    #: When empty, defaults to the current session working directory.
    cwds: list[str] | None = None


@attrs.frozen(kw_only=True)
class HooksListResponse:
    data: list[HooksListEntry]


@attrs.frozen(kw_only=True)
class HourlyScheduledTaskSchedule:
    days: list[ScheduledTaskWeekday] | None = None
    interval_hours: int = attrs.field(metadata={"wire": "intervalHours"})
    type: Literal["hourly"] = attrs.field(default="hourly", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class HttpConnectionFailedCodexErrorInfo:
    http_connection_failed: HttpConnectionFailedCodexErrorInfoBody = attrs.field(metadata={"wire": "httpConnectionFailed"})


@attrs.frozen(kw_only=True)
class HttpConnectionFailedCodexErrorInfoBody:
    http_status_code: int | None = attrs.field(default=None, metadata={"wire": "httpStatusCode"})


@attrs.frozen(kw_only=True)
class IdleThreadStatus:
    type: Literal["idle"] = attrs.field(default="idle", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ImageGenerationCallResponseItem:
    encrypted_content: str | None = None
    id: str | None = None
    internal_chat_message_metadata_passthrough: InternalChatMessageMetadataPassthrough | None = None
    result: str
    revised_prompt: str | None = None
    status: str
    type: Literal["image_generation_call"] = attrs.field(default="image_generation_call", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ImageGenerationThreadItem:
    failure: ImageGenerationFailure | None = None
    id: str
    result: str
    revised_prompt: str | None = attrs.field(default=None, metadata={"wire": "revisedPrompt"})
    saved_path: AbsolutePathBuf | None = attrs.field(default=None, metadata={"wire": "savedPath"})
    status: str
    transparent_background: bool | None = attrs.field(default=None, metadata={"wire": "transparentBackground"})
    type: Literal["imageGeneration"] = attrs.field(default="imageGeneration", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ImageUserInput:
    detail: ImageDetail | None = None
    file_id: str | None = attrs.field(default=None, metadata={"wire": "fileId"})
    type: Literal["image"] = attrs.field(default="image", metadata={"tag": True})
    url: str | None = None


@attrs.frozen(kw_only=True)
class ImageViewThreadItem:
    id: str
    path: LegacyAppPathString
    type: Literal["imageView"] = attrs.field(default="imageView", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class InAppBrowserRequirements:
    allow_external_browser_settings_import: bool | None = attrs.field(default=None, metadata={"wire": "allowExternalBrowserSettingsImport"})


@attrs.frozen(kw_only=True)
class InitializeCapabilities:
    """Client-declared capabilities negotiated during initialize."""

    #: Opt into receiving experimental API methods and fields.
    experimental_api: bool | None = attrs.field(default=None, metadata={"wire": "experimentalApi"})
    #: Use explicit gateway OAuth login instead of automatic browser authorization. Applies to this
    #: app-server's gateway runtime; later connections cannot undo it.
    explicit_gateway_oauth: bool | None = attrs.field(default=None, metadata={"wire": "explicitGatewayOauth"})
    #: MCP extension settings declared by the app-server client.
    extensions: dict[str, Any] | None = None
    #: Legacy opt-in for the `openai/form` MCP extension.
    mcp_server_openai_form_elicitation: bool | None = attrs.field(default=None, metadata={"wire": "mcpServerOpenaiFormElicitation"})
    #: Exact notification method names that should be suppressed for this connection (for example
    #: `thread/started`).
    opt_out_notification_methods: list[str] | None = attrs.field(default=None, metadata={"wire": "optOutNotificationMethods"})
    #: Opt into `attestation/generate` requests for upstream `x-oai-attestation`.
    request_attestation: bool | None = attrs.field(default=None, metadata={"wire": "requestAttestation"})


@attrs.frozen(kw_only=True)
class InitializeParams:
    capabilities: InitializeCapabilities | None = None
    client_info: ClientInfo = attrs.field(metadata={"wire": "clientInfo"})


@attrs.frozen(kw_only=True)
class InitializeResponse:
    #: Absolute path to the server's $CODEX_HOME directory.
    codex_home: AbsolutePathBuf = attrs.field(metadata={"wire": "codexHome"})
    #: Platform family for the running app-server target, for example `"unix"` or `"windows"`.
    platform_family: str = attrs.field(metadata={"wire": "platformFamily"})
    #: Operating system for the running app-server target, for example `"macos"`, `"linux"`, or
    #: `"windows"`.
    platform_os: str = attrs.field(metadata={"wire": "platformOs"})
    user_agent: str = attrs.field(metadata={"wire": "userAgent"})


@attrs.frozen(kw_only=True)
class InlineMarkdownThreadRealtimeBemItemPresentation:
    type: Literal["inlineMarkdown"] = attrs.field(default="inlineMarkdown", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class InlineVisualizationThreadRealtimeBemItemPresentation:
    index: int
    type: Literal["inlineVisualization"] = attrs.field(default="inlineVisualization", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class InputAudioContentItem:
    audio_url: str
    type: Literal["input_audio"] = attrs.field(default="input_audio", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class InputAudioDynamicToolCallOutputContentItem:
    audio_url: str = attrs.field(metadata={"wire": "audioUrl"})
    type: Literal["inputAudio"] = attrs.field(default="inputAudio", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class InputAudioFunctionCallOutputContentItem:
    audio_url: str
    type: Literal["input_audio"] = attrs.field(default="input_audio", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class InputImageContentItem:
    detail: ImageDetail | None = None
    file_id: str | None = None
    image_url: str | None = None
    type: Literal["input_image"] = attrs.field(default="input_image", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class InputImageDynamicToolCallOutputContentItem:
    image_url: str = attrs.field(metadata={"wire": "imageUrl"})
    type: Literal["inputImage"] = attrs.field(default="inputImage", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class InputImageFunctionCallOutputContentItem:
    detail: ImageDetail | None = None
    file_id: str | None = None
    image_url: str | None = None
    type: Literal["input_image"] = attrs.field(default="input_image", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class InputTextAgentMessageInputContent:
    text: str
    type: Literal["input_text"] = attrs.field(default="input_text", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class InputTextContentItem:
    text: str
    type: Literal["input_text"] = attrs.field(default="input_text", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class InputTextDynamicToolCallOutputContentItem:
    text: str
    type: Literal["inputText"] = attrs.field(default="inputText", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class InputTextFunctionCallOutputContentItem:
    text: str
    type: Literal["input_text"] = attrs.field(default="input_text", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class InstalledApp:
    """Installed connector runtime state."""

    #: Whether the connector is enabled and has a non-synthetic, model-visible tool allowed by
    #: effective MCP and app/tool policy in the committed runtime snapshot.
    callable: bool
    #: Effective enabled state after applying global, workspace, local, and managed configuration at
    #: read time.
    enabled: bool
    id: str
    #: Best-effort name carried by the runtime tool catalog. Canonical app metadata remains owned by
    #: `app/read`.
    runtime_name: str | None = attrs.field(default=None, metadata={"wire": "runtimeName"})


@attrs.frozen(kw_only=True)
class InternalChatMessageMetadataPassthrough:
    """Internal Responses API passthrough metadata copied into underlying chat messages."""

    turn_id: str | None = None


@attrs.frozen(kw_only=True)
class InvalidRequestUserVerificationErrorDetails:
    reason: UserVerificationInvalidRequestReason = attrs.field(default="invalidParams", metadata={"tag": True})
    type: Literal["invalidRequest"] = attrs.field(default="invalidRequest", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ItemCompletedNotification:
    #: Unix timestamp (in milliseconds) when this item lifecycle completed.
    completed_at_ms: int = attrs.field(metadata={"wire": "completedAtMs"})
    item: ThreadItem
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class ItemGuardianApprovalReviewCompletedNotification:
    """[UNSTABLE] Temporary notification payload for approval auto-review. This shape is expected to change
    soon.
    """

    action: GuardianApprovalReviewAction
    #: Unix timestamp (in milliseconds) when this review completed.
    completed_at_ms: int = attrs.field(metadata={"wire": "completedAtMs"})
    decision_source: AutoReviewDecisionSource = attrs.field(default="agent", metadata={"wire": "decisionSource", "tag": True})
    review: GuardianApprovalReview
    #: Stable identifier for this review.
    review_id: str = attrs.field(metadata={"wire": "reviewId"})
    #: Unix timestamp (in milliseconds) when this review started.
    started_at_ms: int = attrs.field(metadata={"wire": "startedAtMs"})
    #: Identifier for the reviewed item or tool call when one exists.
    target_item_id: str | None = attrs.field(default=None, metadata={"wire": "targetItemId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class ItemGuardianApprovalReviewStartedNotification:
    """[UNSTABLE] Temporary notification payload for approval auto-review. This shape is expected to change
    soon.
    """

    action: GuardianApprovalReviewAction
    review: GuardianApprovalReview
    #: Stable identifier for this review.
    review_id: str = attrs.field(metadata={"wire": "reviewId"})
    #: Unix timestamp (in milliseconds) when this review started.
    started_at_ms: int = attrs.field(metadata={"wire": "startedAtMs"})
    #: Identifier for the reviewed item or tool call when one exists.
    target_item_id: str | None = attrs.field(default=None, metadata={"wire": "targetItemId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class ItemStartedNotification:
    item: ThreadItem
    #: Unix timestamp (in milliseconds) when this item lifecycle started.
    started_at_ms: int = attrs.field(metadata={"wire": "startedAtMs"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class ItemThreadItemsListAnchor:
    item_id: str = attrs.field(metadata={"wire": "itemId"})
    type: Literal["item"] = attrs.field(default="item", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ItemThreadTimelineEntry:
    item: ThreadItem
    position: int
    turn_id: str = attrs.field(metadata={"wire": "turnId"})
    type: Literal["item"] = attrs.field(default="item", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class JSONRPCError:
    """A response to a request that indicates an error occurred."""

    error: JSONRPCErrorError
    id: RequestId


@attrs.frozen(kw_only=True)
class JSONRPCErrorError:
    code: int
    data: Any = None
    message: str


@attrs.frozen(kw_only=True)
class JSONRPCNotification:
    """A notification which does not expect a response."""

    method: str
    params: Any = None


@attrs.frozen(kw_only=True)
class JSONRPCRequest:
    """A request that expects a response."""

    id: RequestId
    method: str
    params: Any = None
    #: Optional W3C Trace Context for distributed tracing.
    trace: W3cTraceContext | None = None


@attrs.frozen(kw_only=True)
class JSONRPCResponse:
    """A successful (non-error) response to a request."""

    id: RequestId
    result: Any


@attrs.frozen(kw_only=True)
class KindFileSystemSpecialPath:
    kind: Literal["project_roots"] = attrs.field(default="project_roots", metadata={"tag": True})
    subpath: LegacyAppPathString | None = None


@attrs.frozen(kw_only=True)
class LegacyManagedConfigTomlFromFileConfigLayerSource:
    """`managed_config.toml` was designed to be a config that was loaded as the last layer on top of
    everything else. This scheme did not quite work out as intended, but we keep this variant as a "best
    effort" while we phase out `managed_config.toml` in favor of `requirements.toml`.
    """

    file: AbsolutePathBuf
    type: Literal["legacyManagedConfigTomlFromFile"] = attrs.field(default="legacyManagedConfigTomlFromFile", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class LegacyManagedConfigTomlFromMdmConfigLayerSource:
    type: Literal["legacyManagedConfigTomlFromMdm"] = attrs.field(default="legacyManagedConfigTomlFromMdm", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ListFilesCommandAction:
    command: str
    path: str | None = None
    type: Literal["listFiles"] = attrs.field(default="listFiles", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ListFilesParsedCommand:
    cmd: str
    path: str | None = None
    type: Literal["list_files"] = attrs.field(default="list_files", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ListMcpServerStatusParams:
    #: Opaque pagination cursor returned by a previous call.
    cursor: str | None = None
    #: Controls how much MCP inventory data to fetch for each server. Defaults to `Full` when omitted.
    detail: McpServerStatusDetail | None = None
    #: Optional page size; defaults to a server-defined value.
    limit: int | None = None
    #: Limit discovery to one server. With a thread ID, reuse that thread's MCP connection.
    server_name: str | None = attrs.field(default=None, metadata={"wire": "serverName"})
    thread_id: str | None = attrs.field(default=None, metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ListMcpServerStatusResponse:
    data: list[McpServerStatus]
    #: Opaque cursor to pass to the next call to continue after the last item. If None, there are no
    #: more items to return.
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class LocalAudioUserInput:
    path: str
    type: Literal["localAudio"] = attrs.field(default="localAudio", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class LocalImageUserInput:
    detail: ImageDetail | None = None
    path: str
    type: Literal["localImage"] = attrs.field(default="localImage", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class LocalPluginSource:
    path: AbsolutePathBuf
    type: Literal["local"] = attrs.field(default="local", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class LocalShellCallResponseItem:
    action: LocalShellAction
    #: Set when using the Responses API.
    call_id: str | None = None
    encrypted_content: str | None = None
    #: Legacy id field retained for compatibility with older payloads.
    id: str | None = None
    internal_chat_message_metadata_passthrough: InternalChatMessageMetadataPassthrough | None = None
    status: LocalShellStatus
    type: Literal["local_shell_call"] = attrs.field(default="local_shell_call", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class LogoutAccountResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ManagedHooksRequirements:
    interrupt: list[ConfiguredHookMatcherGroup] | None = attrs.field(default=None, metadata={"wire": "Interrupt"})
    permission_request: list[ConfiguredHookMatcherGroup] = attrs.field(metadata={"wire": "PermissionRequest"})
    post_compact: list[ConfiguredHookMatcherGroup] = attrs.field(metadata={"wire": "PostCompact"})
    post_tool_use: list[ConfiguredHookMatcherGroup] = attrs.field(metadata={"wire": "PostToolUse"})
    pre_compact: list[ConfiguredHookMatcherGroup] = attrs.field(metadata={"wire": "PreCompact"})
    pre_tool_use: list[ConfiguredHookMatcherGroup] = attrs.field(metadata={"wire": "PreToolUse"})
    session_end: list[ConfiguredHookMatcherGroup] | None = attrs.field(default=None, metadata={"wire": "SessionEnd"})
    session_start: list[ConfiguredHookMatcherGroup] = attrs.field(metadata={"wire": "SessionStart"})
    stop: list[ConfiguredHookMatcherGroup] = attrs.field(metadata={"wire": "Stop"})
    subagent_start: list[ConfiguredHookMatcherGroup] = attrs.field(metadata={"wire": "SubagentStart"})
    subagent_stop: list[ConfiguredHookMatcherGroup] = attrs.field(metadata={"wire": "SubagentStop"})
    user_prompt_submit: list[ConfiguredHookMatcherGroup] = attrs.field(metadata={"wire": "UserPromptSubmit"})
    managed_dir: str | None = attrs.field(default=None, metadata={"wire": "managedDir"})
    windows_managed_dir: str | None = attrs.field(default=None, metadata={"wire": "windowsManagedDir"})


@attrs.frozen(kw_only=True)
class MarketplaceAddParams:
    ref_name: str | None = attrs.field(default=None, metadata={"wire": "refName"})
    source: str
    sparse_paths: list[str] | None = attrs.field(default=None, metadata={"wire": "sparsePaths"})


@attrs.frozen(kw_only=True)
class MarketplaceAddResponse:
    already_added: bool = attrs.field(metadata={"wire": "alreadyAdded"})
    installed_root: AbsolutePathBuf = attrs.field(metadata={"wire": "installedRoot"})
    marketplace_name: str = attrs.field(metadata={"wire": "marketplaceName"})


@attrs.frozen(kw_only=True)
class MarketplaceInterface:
    display_name: str | None = attrs.field(default=None, metadata={"wire": "displayName"})


@attrs.frozen(kw_only=True)
class MarketplaceLoadErrorInfo:
    marketplace_path: AbsolutePathBuf = attrs.field(metadata={"wire": "marketplacePath"})
    message: str


@attrs.frozen(kw_only=True)
class MarketplaceRemoveParams:
    marketplace_name: str = attrs.field(metadata={"wire": "marketplaceName"})


@attrs.frozen(kw_only=True)
class MarketplaceRemoveResponse:
    installed_root: AbsolutePathBuf | None = attrs.field(default=None, metadata={"wire": "installedRoot"})
    marketplace_name: str = attrs.field(metadata={"wire": "marketplaceName"})


@attrs.frozen(kw_only=True)
class MarketplaceUpgradeErrorInfo:
    marketplace_name: str = attrs.field(metadata={"wire": "marketplaceName"})
    message: str


@attrs.frozen(kw_only=True)
class MarketplaceUpgradeParams:
    marketplace_name: str | None = attrs.field(default=None, metadata={"wire": "marketplaceName"})


@attrs.frozen(kw_only=True)
class MarketplaceUpgradeResponse:
    errors: list[MarketplaceUpgradeErrorInfo]
    selected_marketplaces: list[str] = attrs.field(metadata={"wire": "selectedMarketplaces"})
    upgraded_roots: list[AbsolutePathBuf] = attrs.field(metadata={"wire": "upgradedRoots"})


@attrs.frozen(kw_only=True)
class McpAppUi:
    """UI resource and display preference for model invocations, captured from the tool descriptor."""

    preferred_model_display_mode: McpAppDisplayMode = attrs.field(metadata={"wire": "preferredModelDisplayMode"})
    resource_uri: str = attrs.field(metadata={"wire": "resourceUri"})


@attrs.frozen(kw_only=True)
class McpElicitationBooleanSchema:
    default: bool | None = None
    description: str | None = None
    title: str | None = None
    type: McpElicitationBooleanType = attrs.field(default="boolean", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class McpElicitationConstOption:
    const: str
    title: str


@attrs.frozen(kw_only=True)
class McpElicitationLegacyTitledEnumSchema:
    default: str | None = None
    description: str | None = None
    enum: list[str]
    enum_names: list[str] | None = attrs.field(default=None, metadata={"wire": "enumNames"})
    title: str | None = None
    type: McpElicitationStringType = attrs.field(default="string", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class McpElicitationNumberSchema:
    default: float | None = None
    description: str | None = None
    maximum: float | None = None
    minimum: float | None = None
    title: str | None = None
    type: McpElicitationNumberType


@attrs.frozen(kw_only=True)
class McpElicitationSchema:
    """Typed form schema for MCP `elicitation/create` requests."""

    schema: str | None = attrs.field(default=None, metadata={"wire": "$schema"})
    properties: dict[str, McpElicitationPrimitiveSchema]
    required: list[str] | None = None
    type: McpElicitationObjectType = attrs.field(default="object", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class McpElicitationStringSchema:
    default: str | None = None
    description: str | None = None
    format: McpElicitationStringFormat | None = None
    max_length: int | None = attrs.field(default=None, metadata={"wire": "maxLength"})
    min_length: int | None = attrs.field(default=None, metadata={"wire": "minLength"})
    title: str | None = None
    type: McpElicitationStringType = attrs.field(default="string", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class McpElicitationTitledEnumItems:
    any_of: list[McpElicitationConstOption] = attrs.field(metadata={"wire": "anyOf"})


@attrs.frozen(kw_only=True)
class McpElicitationTitledMultiSelectEnumSchema:
    default: list[str] | None = None
    description: str | None = None
    items: McpElicitationTitledEnumItems
    max_items: int | None = attrs.field(default=None, metadata={"wire": "maxItems"})
    min_items: int | None = attrs.field(default=None, metadata={"wire": "minItems"})
    title: str | None = None
    type: McpElicitationArrayType = attrs.field(default="array", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class McpElicitationTitledSingleSelectEnumSchema:
    default: str | None = None
    description: str | None = None
    one_of: list[McpElicitationConstOption] = attrs.field(metadata={"wire": "oneOf"})
    title: str | None = None
    type: McpElicitationStringType = attrs.field(default="string", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class McpElicitationUntitledEnumItems:
    enum: list[str]
    type: McpElicitationStringType = attrs.field(default="string", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class McpElicitationUntitledMultiSelectEnumSchema:
    default: list[str] | None = None
    description: str | None = None
    items: McpElicitationUntitledEnumItems
    max_items: int | None = attrs.field(default=None, metadata={"wire": "maxItems"})
    min_items: int | None = attrs.field(default=None, metadata={"wire": "minItems"})
    title: str | None = None
    type: McpElicitationArrayType = attrs.field(default="array", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class McpElicitationUntitledSingleSelectEnumSchema:
    default: str | None = None
    description: str | None = None
    enum: list[str]
    title: str | None = None
    type: McpElicitationStringType = attrs.field(default="string", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class McpResourceReadParams:
    connector_id: str | None = attrs.field(default=None, metadata={"wire": "connectorId"})
    #: Originating MCP tool call used to select the resource's app.
    origin_call_id: str | None = attrs.field(default=None, metadata={"wire": "originCallId"})
    server: str
    #: Explicit hosted app/account. Omit to retain legacy resource discovery.
    target: McpResourceReadTarget | None = None
    thread_id: str | None = attrs.field(default=None, metadata={"wire": "threadId"})
    uri: str


@attrs.frozen(kw_only=True)
class McpResourceReadResponse:
    contents: list[ResourceContent]
    #: Originating call when the server applied app-specific resource scoping.
    origin_call_id: str | None = attrs.field(default=None, metadata={"wire": "originCallId"})


@attrs.frozen(kw_only=True)
class McpResourceReadTarget:
    connector_id: str = attrs.field(metadata={"wire": "connectorId"})
    #: Null explicitly requests no-auth access, subject to the app's resource policy.
    link_id: str | None = attrs.field(metadata={"wire": "linkId"})


@attrs.frozen(kw_only=True)
class McpServerElicitationRequestResponse:
    #: Optional client metadata for form-mode action handling.
    meta: Any = attrs.field(default=None, metadata={"wire": "_meta"})
    action: McpServerElicitationAction
    #: Structured user input for accepted elicitations, mirroring RMCP `CreateElicitationResult`.
    content: Any = None


@attrs.frozen(kw_only=True)
class McpServerEventNotification:
    method: str
    params: Any


@attrs.frozen(kw_only=True)
class McpServerEventStreamNotification:
    notification: McpServerEventNotification
    subscription_id: str = attrs.field(metadata={"wire": "subscriptionId"})


@attrs.frozen(kw_only=True)
class McpServerEventStreamStartParams:
    meta: Any = attrs.field(default=None, metadata={"wire": "_meta"})
    arguments: Any
    name: str
    server: str
    subscription_id: str = attrs.field(metadata={"wire": "subscriptionId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class McpServerEventStreamStartResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class McpServerEventStreamStopParams:
    subscription_id: str = attrs.field(metadata={"wire": "subscriptionId"})


@attrs.frozen(kw_only=True)
class McpServerEventStreamStopResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class McpServerInfo:
    """Presentation metadata advertised by an initialized MCP server."""

    description: str | None = None
    icons: list[Any] | None = None
    name: str
    title: str | None = None
    version: str
    website_url: str | None = attrs.field(default=None, metadata={"wire": "websiteUrl"})


@attrs.frozen(kw_only=True)
class McpServerMigration:
    name: str


@attrs.frozen(kw_only=True)
class McpServerOauthLoginCompletedNotification:
    error: str | None = None
    #: Identifies the explicit login attempt. Older servers omit this field.
    login_id: str | None = attrs.field(default=None, metadata={"wire": "loginId"})
    name: str
    success: bool
    thread_id: str | None = attrs.field(default=None, metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class McpServerOauthLoginParams:
    #: Registration strategy for this login only; omission selects automatic discovery.
    client_registration: McpServerOauthClientRegistration | None = attrs.field(default=None, metadata={"wire": "clientRegistration"})
    name: str
    scopes: list[str] | None = None
    thread_id: str | None = attrs.field(default=None, metadata={"wire": "threadId"})
    timeout_secs: int | None = attrs.field(default=None, metadata={"wire": "timeoutSecs"})


@attrs.frozen(kw_only=True)
class McpServerOauthLoginResponse:
    authorization_url: str = attrs.field(metadata={"wire": "authorizationUrl"})
    #: Identifies this login attempt across the response and completion notification. Older servers
    #: omit this field; current servers always return it.
    login_id: str | None = attrs.field(default=None, metadata={"wire": "loginId"})


@attrs.frozen(kw_only=True)
class McpServerRefreshResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class McpServerStatus:
    auth_status: McpAuthStatus = attrs.field(metadata={"wire": "authStatus"})
    #: HTTP origin of the effective configured endpoint, including plugin servers. Excludes
    #: credentials, path, query, and fragment; null for non-HTTP transports.
    http_origin: str | None = attrs.field(default=None, metadata={"wire": "httpOrigin"})
    name: str
    plugin_id: str | None = attrs.field(default=None, metadata={"wire": "pluginId"})
    resource_templates: list[ResourceTemplate] = attrs.field(metadata={"wire": "resourceTemplates"})
    resources: list[Resource]
    #: Current thread-runtime connection state; null when unavailable or the configuration changed.
    runtime_status: McpServerConnectionStatus | None = attrs.field(default=None, metadata={"wire": "runtimeStatus"})
    #: Capabilities advertised by the initialized MCP server; null when unavailable.
    server_capabilities: Any = attrs.field(default=None, metadata={"wire": "serverCapabilities"})
    server_info: McpServerInfo | None = attrs.field(default=None, metadata={"wire": "serverInfo"})
    tools: dict[str, Tool]
    #: Tool discovery failed and no catalog was returned. Null when a catalog is returned, including
    #: cached or empty catalogs.
    tools_error: str | None = attrs.field(default=None, metadata={"wire": "toolsError"})


@attrs.frozen(kw_only=True)
class McpServerStatusUpdatedNotification:
    error: str | None = None
    failure_reason: McpServerStartupFailureReason | None = attrs.field(default=None, metadata={"wire": "failureReason"})
    name: str
    status: McpServerStartupState
    thread_id: str | None = attrs.field(default=None, metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class McpServerToolCallParams:
    meta: Any = attrs.field(default=None, metadata={"wire": "_meta"})
    arguments: Any = None
    server: str
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    tool: str


@attrs.frozen(kw_only=True)
class McpServerToolCallResponse:
    meta: Any = attrs.field(default=None, metadata={"wire": "_meta"})
    content: list[Any]
    is_error: bool | None = attrs.field(default=None, metadata={"wire": "isError"})
    structured_content: Any = attrs.field(default=None, metadata={"wire": "structuredContent"})


@attrs.frozen(kw_only=True)
class McpToolCallAppContext:
    action_name: str | None = attrs.field(default=None, metadata={"wire": "actionName"})
    app_name: str | None = attrs.field(default=None, metadata={"wire": "appName"})
    connector_id: str = attrs.field(metadata={"wire": "connectorId"})
    link_id: str | None = attrs.field(default=None, metadata={"wire": "linkId"})
    resource_uri: str | None = attrs.field(default=None, metadata={"wire": "resourceUri"})


@attrs.frozen(kw_only=True)
class McpToolCallError:
    message: str


@attrs.frozen(kw_only=True)
class McpToolCallGuardianApprovalReviewAction:
    connector_id: str | None = attrs.field(default=None, metadata={"wire": "connectorId"})
    connector_name: str | None = attrs.field(default=None, metadata={"wire": "connectorName"})
    server: str
    tool_name: str = attrs.field(metadata={"wire": "toolName"})
    tool_title: str | None = attrs.field(default=None, metadata={"wire": "toolTitle"})
    type: Literal["mcpToolCall"] = attrs.field(default="mcpToolCall", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class McpToolCallProgressNotification:
    item_id: str = attrs.field(metadata={"wire": "itemId"})
    message: str
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class McpToolCallResult:
    meta: Any = attrs.field(default=None, metadata={"wire": "_meta"})
    content: list[Any]
    structured_content: Any = attrs.field(default=None, metadata={"wire": "structuredContent"})


@attrs.frozen(kw_only=True)
class McpToolCallThreadItem:
    app_context: McpToolCallAppContext | None = attrs.field(default=None, metadata={"wire": "appContext"})
    arguments: Any
    #: The duration of the MCP tool call in milliseconds.
    duration_ms: int | None = attrs.field(default=None, metadata={"wire": "durationMs"})
    error: McpToolCallError | None = None
    id: str
    #: Legacy compatibility field; prefer `mcpAppUi.resourceUri` when available.
    mcp_app_resource_uri: str | None = attrs.field(default=None, metadata={"wire": "mcpAppResourceUri"})
    #: Presentation captured from the invoked descriptor; absent in older history.
    mcp_app_ui: McpAppUi | None = attrs.field(default=None, metadata={"wire": "mcpAppUi"})
    plugin_id: str | None = attrs.field(default=None, metadata={"wire": "pluginId"})
    read_only_hint: bool | None = attrs.field(default=None, metadata={"wire": "readOnlyHint"})
    result: McpToolCallResult | None = None
    server: str
    status: McpToolCallStatus
    tool: str
    type: Literal["mcpToolCall"] = attrs.field(default="mcpToolCall", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class McpToolConfiguredHookHandler:
    input: dict[str, Any]
    server: str
    status_message: str | None = attrs.field(default=None, metadata={"wire": "statusMessage"})
    timeout_sec: int | None = attrs.field(default=None, metadata={"wire": "timeoutSec"})
    tool: str
    type: Literal["mcp_tool"] = attrs.field(default="mcp_tool", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class McpToolHookMetadata:
    #: Configured `additionalContext` spill threshold. `null` uses 2,500 tokens; `0` disables
    #: spilling.
    additional_context_limit: int | None = attrs.field(default=None, metadata={"wire": "additionalContextLimit"})
    current_hash: str = attrs.field(metadata={"wire": "currentHash"})
    display_order: int = attrs.field(metadata={"wire": "displayOrder"})
    enabled: bool
    event_name: HookEventName = attrs.field(metadata={"wire": "eventName"})
    handler_type: Literal["mcpTool"] = attrs.field(default="mcpTool", metadata={"wire": "handlerType", "tag": True})
    is_managed: bool = attrs.field(metadata={"wire": "isManaged"})
    key: str
    matcher: str | None = None
    plugin_id: str | None = attrs.field(default=None, metadata={"wire": "pluginId"})
    server: str
    source: HookSource
    source_path: AbsolutePathBuf = attrs.field(metadata={"wire": "sourcePath"})
    status_message: str | None = attrs.field(default=None, metadata={"wire": "statusMessage"})
    timeout_sec: int = attrs.field(metadata={"wire": "timeoutSec"})
    tool: str
    trust_status: HookTrustStatus = attrs.field(metadata={"wire": "trustStatus"})


@attrs.frozen(kw_only=True)
class MdmConfigLayerSource:
    """Managed preferences layer delivered by MDM (macOS only)."""

    domain: str
    key: str
    type: Literal["mdm"] = attrs.field(default="mdm", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class MemoryCitation:
    entries: list[MemoryCitationEntry]
    thread_ids: list[str] = attrs.field(metadata={"wire": "threadIds"})


@attrs.frozen(kw_only=True)
class MemoryCitationEntry:
    line_end: int = attrs.field(metadata={"wire": "lineEnd"})
    line_start: int = attrs.field(metadata={"wire": "lineStart"})
    note: str
    path: str


@attrs.frozen(kw_only=True)
class MemoryResetResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class MemoryStatusParams:
    #: Required distinct consolidated threads. Defaults to 20; supported range is 1..=4096.
    min_consolidated_threads: int | None = attrs.field(default=None, metadata={"wire": "minConsolidatedThreads"})


@attrs.frozen(kw_only=True)
class MemoryStatusResponse:
    v2_consolidated_threads: int = attrs.field(metadata={"wire": "v2ConsolidatedThreads"})
    v2_ready: bool = attrs.field(metadata={"wire": "v2Ready"})


@attrs.frozen(kw_only=True)
class MentionUserInput:
    name: str
    path: str
    type: Literal["mention"] = attrs.field(default="mention", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class MessageResponseItem:
    content: list[ContentItem]
    encrypted_content: str | None = None
    id: str | None = None
    internal_chat_message_metadata_passthrough: InternalChatMessageMetadataPassthrough | None = None
    phase: MessagePhase | None = None
    role: str
    status: str | None = None
    type: Literal["message"] = attrs.field(default="message", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class MigrationDetails:
    commands: list[CommandMigration] | None = None
    hooks: list[HookMigration] | None = None
    mcp_servers: list[McpServerMigration] | None = attrs.field(default=None, metadata={"wire": "mcpServers"})
    memory: list[str] | None = None
    plugins: list[PluginsMigration] | None = None
    sessions: list[SessionMigration] | None = None
    skills: list[SkillMigration] | None = None
    subagents: list[SubagentMigration] | None = None


@attrs.frozen(kw_only=True)
class MinimalFileSystemSpecialPath:
    kind: Literal["minimal"] = attrs.field(default="minimal", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class MisalignmentErrorDetails:
    #: A substantive localized explanation is required before offering continuation.
    detailed_explanation: str | None = attrs.field(default=None, metadata={"wire": "detailedExplanation"})
    #: Open-ended classification; clients must accept categories added by Responses.
    error_type: str | None = attrs.field(default=None, metadata={"wire": "errorType"})
    #: Opaque server-issued block target. Presence alone does not enable target-based continuation.
    review_target: str | None = attrs.field(default=None, metadata={"wire": "reviewTarget"})
    #: Instruction to submit as the next turn's user input if continuation is confirmed.
    steer: MisalignmentSteer | None = None


@attrs.frozen(kw_only=True)
class MisalignmentSteer:
    message: str


@attrs.frozen(kw_only=True)
class MockExperimentalMethodParams:
    #: Test-only payload field.
    value: str | None = None


@attrs.frozen(kw_only=True)
class MockExperimentalMethodResponse:
    #: Echoes the input `value`.
    echoed: str | None = None


@attrs.frozen(kw_only=True)
class Model:
    #: Deprecated: use `serviceTiers` instead.
    additional_speed_tiers: list[str] | None = attrs.field(default=None, metadata={"wire": "additionalSpeedTiers"})
    availability_nux: ModelAvailabilityNux | None = attrs.field(default=None, metadata={"wire": "availabilityNux"})
    #: Null when the catalog does not provide access-program metadata.
    available_access_programs: ModelAccessPrograms | None = attrs.field(default=None, metadata={"wire": "availableAccessPrograms"})
    default_reasoning_effort: ReasoningEffort = attrs.field(metadata={"wire": "defaultReasoningEffort"})
    #: Catalog default service tier id for this model, when one is configured.
    default_service_tier: str | None = attrs.field(default=None, metadata={"wire": "defaultServiceTier"})
    description: str
    display_name: str = attrs.field(metadata={"wire": "displayName"})
    hidden: bool
    id: str
    input_modalities: list[InputModality] | None = attrs.field(default=None, metadata={"wire": "inputModalities"})
    is_default: bool = attrs.field(metadata={"wire": "isDefault"})
    model: str
    model_specialty: str | None = attrs.field(default=None, metadata={"wire": "modelSpecialty"})
    #: Multi-agent runtime declared by this model, when available.
    multi_agent_version: MultiAgentVersion | None = attrs.field(default=None, metadata={"wire": "multiAgentVersion"})
    service_tiers: list[ModelServiceTier] | None = attrs.field(default=None, metadata={"wire": "serviceTiers"})
    supported_reasoning_efforts: list[ReasoningEffortOption] = attrs.field(metadata={"wire": "supportedReasoningEfforts"})
    #: @deprecated Always false; models no longer support personality selection.
    supports_personality: bool | None = attrs.field(default=None, metadata={"wire": "supportsPersonality"})
    upgrade: str | None = None
    upgrade_info: ModelUpgradeInfo | None = attrs.field(default=None, metadata={"wire": "upgradeInfo"})


@attrs.frozen(kw_only=True)
class ModelAccessPrograms:
    """Caller-specific explicit access programs advertised by model discovery."""

    #: Accepted explicit selections.
    cyber: list[CyberAccessProgram]


@attrs.frozen(kw_only=True)
class ModelAvailabilityNux:
    message: str


@attrs.frozen(kw_only=True)
class ModelListParams:
    #: Opaque pagination cursor returned by a previous call.
    cursor: str | None = None
    #: When true, include models that are hidden from the default picker list.
    include_hidden: bool | None = attrs.field(default=None, metadata={"wire": "includeHidden"})
    #: Optional page size; defaults to a reasonable server-side value.
    limit: int | None = None


@attrs.frozen(kw_only=True)
class ModelListResponse:
    data: list[Model]
    #: Opaque cursor to pass to the next call to continue after the last item. If None, there are no
    #: more items to return.
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class ModelProviderCapabilitiesReadParams:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ModelProviderCapabilitiesReadResponse:
    image_generation: bool = attrs.field(metadata={"wire": "imageGeneration"})
    web_search: bool = attrs.field(metadata={"wire": "webSearch"})


@attrs.frozen(kw_only=True)
class ModelReroutedNotification:
    from_model: str = attrs.field(metadata={"wire": "fromModel"})
    reason: ModelRerouteReason = attrs.field(default="highRiskCyberActivity", metadata={"tag": True})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    to_model: str = attrs.field(metadata={"wire": "toModel"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class ModelSafetyBufferingUpdatedNotification:
    faster_model: str | None = attrs.field(default=None, metadata={"wire": "fasterModel"})
    model: str
    reasons: list[str]
    show_buffering_ui: bool = attrs.field(metadata={"wire": "showBufferingUi"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})
    use_cases: list[str] = attrs.field(metadata={"wire": "useCases"})


@attrs.frozen(kw_only=True)
class ModelServiceTier:
    description: str
    id: str
    name: str


@attrs.frozen(kw_only=True)
class ModelUpgradeInfo:
    migration_markdown: str | None = attrs.field(default=None, metadata={"wire": "migrationMarkdown"})
    model: str
    model_link: str | None = attrs.field(default=None, metadata={"wire": "modelLink"})
    #: Informational Unix timestamp for this upgrade's scheduled retirement, if known.
    retirement_at: int | None = attrs.field(default=None, metadata={"wire": "retirementAt"})
    upgrade_copy: str | None = attrs.field(default=None, metadata={"wire": "upgradeCopy"})


@attrs.frozen(kw_only=True)
class ModelVerificationNotification:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})
    verifications: list[ModelVerification]


@attrs.frozen(kw_only=True)
class ModelsRequirements:
    new_thread: NewThreadModelDefaults | None = attrs.field(default=None, metadata={"wire": "newThread"})


@attrs.frozen(kw_only=True)
class NamespaceDynamicToolSpec:
    description: str
    name: str
    tools: list[DynamicToolNamespaceTool]
    type: Literal["namespace"] = attrs.field(default="namespace", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class NetworkAccessGuardianApprovalReviewAction:
    host: str
    port: int
    protocol: NetworkApprovalProtocol
    target: str
    type: Literal["networkAccess"] = attrs.field(default="networkAccess", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class NetworkApprovalContext:
    host: str
    protocol: NetworkApprovalProtocol


@attrs.frozen(kw_only=True)
class NetworkPolicyAmendment:
    action: NetworkPolicyRuleAction
    host: str


@attrs.frozen(kw_only=True)
class NetworkPolicyAmendmentReviewDecision:
    """User chose to persist a network policy rule (allow/deny) for future requests to the same host."""

    network_policy_amendment: NetworkPolicyAmendmentReviewDecisionBody


@attrs.frozen(kw_only=True)
class NetworkPolicyAmendmentReviewDecisionBody:
    network_policy_amendment: NetworkPolicyAmendment


@attrs.frozen(kw_only=True)
class NetworkRequirements:
    allow_local_binding: bool | None = attrs.field(default=None, metadata={"wire": "allowLocalBinding"})
    #: Legacy compatibility view derived from `unix_sockets`.
    allow_unix_sockets: list[str] | None = attrs.field(default=None, metadata={"wire": "allowUnixSockets"})
    allow_upstream_proxy: bool | None = attrs.field(default=None, metadata={"wire": "allowUpstreamProxy"})
    #: Legacy compatibility view derived from `domains`.
    allowed_domains: list[str] | None = attrs.field(default=None, metadata={"wire": "allowedDomains"})
    dangerously_allow_all_unix_sockets: bool | None = attrs.field(default=None, metadata={"wire": "dangerouslyAllowAllUnixSockets"})
    dangerously_allow_non_loopback_proxy: bool | None = attrs.field(default=None, metadata={"wire": "dangerouslyAllowNonLoopbackProxy"})
    #: Legacy compatibility view derived from `domains`.
    denied_domains: list[str] | None = attrs.field(default=None, metadata={"wire": "deniedDomains"})
    #: Canonical network permission map for `experimental_network`.
    domains: dict[str, NetworkDomainPermission] | None = None
    enabled: bool | None = None
    http_port: int | None = attrs.field(default=None, metadata={"wire": "httpPort"})
    #: When true, only managed allowlist entries are respected while managed network enforcement is
    #: active.
    managed_allowed_domains_only: bool | None = attrs.field(default=None, metadata={"wire": "managedAllowedDomainsOnly"})
    socks_port: int | None = attrs.field(default=None, metadata={"wire": "socksPort"})
    #: Canonical unix socket permission map for `experimental_network`.
    unix_sockets: dict[str, NetworkUnixSocketPermission] | None = attrs.field(default=None, metadata={"wire": "unixSockets"})


@attrs.frozen(kw_only=True)
class NewThreadModelDefaults:
    model: str | None = None
    model_reasoning_effort: ReasoningEffort | None = attrs.field(default=None, metadata={"wire": "modelReasoningEffort"})
    service_tier: str | None = attrs.field(default=None, metadata={"wire": "serviceTier"})


@attrs.frozen(kw_only=True)
class NotLoadedThreadStatus:
    type: Literal["notLoaded"] = attrs.field(default="notLoaded", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class NpmPluginSource:
    package: str
    #: Optional HTTPS registry URL. Authentication stays in the user's npm config.
    registry: str | None = None
    type: Literal["npm"] = attrs.field(default="npm", metadata={"tag": True})
    #: Optional npm version or version range.
    version: str | None = None


@attrs.frozen(kw_only=True)
class OpenPageResponsesApiWebSearchAction:
    type: Literal["open_page"] = attrs.field(default="open_page", metadata={"tag": True})
    url: str | None = None


@attrs.frozen(kw_only=True)
class OpenPageWebSearchAction:
    type: Literal["openPage"] = attrs.field(default="openPage", metadata={"tag": True})
    url: str | None = None


@attrs.frozen(kw_only=True)
class OpenaiFormMcpServerElicitationRequestParams:
    meta: Any = attrs.field(default=None, metadata={"wire": "_meta"})
    message: str
    mode: Literal["openai/form"] = attrs.field(default="openai/form", metadata={"tag": True})
    requested_schema: Any = attrs.field(metadata={"wire": "requestedSchema"})
    server_name: str = attrs.field(metadata={"wire": "serverName"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    #: Active Codex turn when this elicitation was observed, if app-server could correlate one.
    turn_id: str | None = attrs.field(default=None, metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class OpenaiFormMcpServerElicitationRequestParams2:
    meta: Any = attrs.field(default=None, metadata={"wire": "_meta"})
    message: str
    mode: Literal["openaiForm"] = attrs.field(default="openaiForm", metadata={"tag": True})
    requested_schema: Any = attrs.field(metadata={"wire": "requestedSchema"})
    server_name: str = attrs.field(metadata={"wire": "serverName"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    #: Active Codex turn when this elicitation was observed, if app-server could correlate one.
    turn_id: str | None = attrs.field(default=None, metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class OpenaiUserVerificationMcpServerElicitationRequestParams:
    """A device-authenticated approval; accepted responses contain the proof in `content`."""

    meta: Any = attrs.field(default=None, metadata={"wire": "_meta"})
    challenge: str
    description: str
    mode: Literal["openai/userVerification"] = attrs.field(default="openai/userVerification", metadata={"tag": True})
    server_name: str = attrs.field(metadata={"wire": "serverName"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    title: str
    #: Active Codex turn when this elicitation was observed, if app-server could correlate one.
    turn_id: str | None = attrs.field(default=None, metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class OtherResponseItem:
    type: Literal["other"] = attrs.field(default="other", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class OtherResponsesApiWebSearchAction:
    type: Literal["other"] = attrs.field(default="other", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class OtherSubAgentSource:
    other: str


@attrs.frozen(kw_only=True)
class OtherWebSearchAction:
    type: Literal["other"] = attrs.field(default="other", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class OutputTextContentItem:
    annotations: list[Any] | None = None
    logprobs: list[Any] | None = None
    text: str
    type: Literal["output_text"] = attrs.field(default="output_text", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class OverriddenMetadata:
    effective_value: Any = attrs.field(metadata={"wire": "effectiveValue"})
    message: str
    overriding_layer: ConfigLayerMetadata = attrs.field(metadata={"wire": "overridingLayer"})


@attrs.frozen(kw_only=True)
class PackagedDefaultsConfigLayerSource:
    """Default configuration supplied with the installed Codex package."""

    #: Path to the packaged default configuration file.
    file: AbsolutePathBuf
    type: Literal["packagedDefaults"] = attrs.field(default="packagedDefaults", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class PathFileSystemPath:
    path: LegacyAppPathString
    type: Literal["path"] = attrs.field(default="path", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class PermissionProfileListParams:
    #: Opaque pagination cursor returned by a previous call.
    cursor: str | None = None
    #: Optional working directory to resolve project config layers.
    cwd: str | None = None
    #: Optional page size; defaults to the full result set.
    limit: int | None = None


@attrs.frozen(kw_only=True)
class PermissionProfileListResponse:
    data: list[PermissionProfileSummary]
    #: Opaque cursor to pass to the next call to continue after the last item. If None, there are no
    #: more items to return.
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class PermissionProfileSummary:
    #: Whether the effective requirements allow selecting this profile.
    allowed: bool
    #: Optional user-facing description for display in clients.
    description: str | None = None
    #: Available permission profile identifier.
    id: str


@attrs.frozen(kw_only=True)
class PermissionsRequestApprovalParams:
    cwd: LegacyAppPathString
    environment_id: str | None = attrs.field(default=None, metadata={"wire": "environmentId"})
    item_id: str = attrs.field(metadata={"wire": "itemId"})
    permissions: RequestPermissionProfile
    reason: str | None = None
    #: Unix timestamp (in milliseconds) when this approval request started.
    started_at_ms: int = attrs.field(metadata={"wire": "startedAtMs"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class PermissionsRequestApprovalResponse:
    permissions: GrantedPermissionProfile
    scope: PermissionGrantScope | None = None
    #: Review every subsequent command in this turn before normal sandboxed execution.
    strict_auto_review: bool | None = attrs.field(default=None, metadata={"wire": "strictAutoReview"})


@attrs.frozen(kw_only=True)
class PlanDeltaNotification:
    """EXPERIMENTAL - proposed plan streaming deltas for plan items. Clients should not assume concatenated
    deltas match the completed plan item content.
    """

    delta: str
    item_id: str = attrs.field(metadata={"wire": "itemId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class PlanThreadItem:
    """EXPERIMENTAL - proposed plan item content. The completed plan item is authoritative and may not match
    the concatenation of `PlanDelta` text.
    """

    id: str
    text: str
    type: Literal["plan"] = attrs.field(default="plan", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class PluginDetail:
    app_templates: list[AppTemplateSummary] = attrs.field(metadata={"wire": "appTemplates"})
    apps: list[AppSummary]
    description: str | None = None
    hooks: list[PluginHookSummary]
    marketplace_name: str = attrs.field(metadata={"wire": "marketplaceName"})
    marketplace_path: AbsolutePathBuf | None = attrs.field(default=None, metadata={"wire": "marketplacePath"})
    mcp_servers: list[str] = attrs.field(metadata={"wire": "mcpServers"})
    #: The declared onboarding skill, when the plugin and visible skill are enabled.
    onboarding_skill: SkillSummary | None = attrs.field(default=None, metadata={"wire": "onboardingSkill"})
    scheduled_tasks: list[ScheduledTaskSummary] | None = attrs.field(default=None, metadata={"wire": "scheduledTasks"})
    share_url: str | None = attrs.field(default=None, metadata={"wire": "shareUrl"})
    skills: list[SkillSummary]
    summary: PluginSummary


@attrs.frozen(kw_only=True)
class PluginHookSummary:
    event_name: HookEventName = attrs.field(metadata={"wire": "eventName"})
    key: str


@attrs.frozen(kw_only=True)
class PluginInstallParams:
    #: Client-generated identifier used to correlate one installation attempt.
    install_attempt_id: str | None = attrs.field(default=None, metadata={"wire": "installAttemptId"})
    marketplace_path: AbsolutePathBuf | None = attrs.field(default=None, metadata={"wire": "marketplacePath"})
    plugin_name: str = attrs.field(metadata={"wire": "pluginName"})
    remote_marketplace_name: str | None = attrs.field(default=None, metadata={"wire": "remoteMarketplaceName"})


@attrs.frozen(kw_only=True)
class PluginInstallResponse:
    apps_needing_auth: list[AppSummary] = attrs.field(metadata={"wire": "appsNeedingAuth"})
    auth_policy: PluginAuthPolicy = attrs.field(metadata={"wire": "authPolicy"})


@attrs.frozen(kw_only=True)
class PluginInstalledParams:
    #: Optional working directories used to discover repo marketplaces.
    cwds: list[AbsolutePathBuf] | None = None
    #: Additional uninstalled plugin names that should be returned when present locally. This is used
    #: by mention surfaces that intentionally expose install entrypoints.
    install_suggestion_plugin_names: list[str] | None = attrs.field(default=None, metadata={"wire": "installSuggestionPluginNames"})


@attrs.frozen(kw_only=True)
class PluginInstalledResponse:
    marketplace_load_errors: list[MarketplaceLoadErrorInfo] | None = attrs.field(default=None, metadata={"wire": "marketplaceLoadErrors"})
    marketplaces: list[PluginMarketplaceEntry]


@attrs.frozen(kw_only=True)
class PluginInterface:
    brand_color: str | None = attrs.field(default=None, metadata={"wire": "brandColor"})
    capabilities: list[str]
    category: str | None = None
    #: Local composer icon path, resolved from the installed plugin package.
    composer_icon: AbsolutePathBuf | None = attrs.field(default=None, metadata={"wire": "composerIcon"})
    #: Remote composer icon URL from the plugin catalog.
    composer_icon_url: str | None = attrs.field(default=None, metadata={"wire": "composerIconUrl"})
    #: Starter prompts for the plugin. Capped at 3 entries with a maximum of 128 characters per entry.
    default_prompt: list[str] | None = attrs.field(default=None, metadata={"wire": "defaultPrompt"})
    developer_name: str | None = attrs.field(default=None, metadata={"wire": "developerName"})
    display_name: str | None = attrs.field(default=None, metadata={"wire": "displayName"})
    #: Local logo path, resolved from the installed plugin package.
    logo: AbsolutePathBuf | None = None
    #: Local dark-mode logo path, resolved from the installed plugin package.
    logo_dark: AbsolutePathBuf | None = attrs.field(default=None, metadata={"wire": "logoDark"})
    #: Remote logo URL from the plugin catalog.
    logo_url: str | None = attrs.field(default=None, metadata={"wire": "logoUrl"})
    #: Remote dark-mode logo URL from the plugin catalog.
    logo_url_dark: str | None = attrs.field(default=None, metadata={"wire": "logoUrlDark"})
    long_description: str | None = attrs.field(default=None, metadata={"wire": "longDescription"})
    privacy_policy_url: str | None = attrs.field(default=None, metadata={"wire": "privacyPolicyUrl"})
    #: Remote screenshot URLs from the plugin catalog.
    screenshot_urls: list[str] = attrs.field(metadata={"wire": "screenshotUrls"})
    #: Local screenshot paths, resolved from the installed plugin package.
    screenshots: list[AbsolutePathBuf]
    short_description: str | None = attrs.field(default=None, metadata={"wire": "shortDescription"})
    terms_of_service_url: str | None = attrs.field(default=None, metadata={"wire": "termsOfServiceUrl"})
    website_url: str | None = attrs.field(default=None, metadata={"wire": "websiteUrl"})


@attrs.frozen(kw_only=True)
class PluginListParams:
    #: Optional working directories used to discover repo marketplaces. When omitted, only home-scoped
    #: marketplaces and the official curated marketplace are considered.
    cwds: list[AbsolutePathBuf] | None = None
    #: Whether the client requests a fresh remote plugin catalog fetch.
    force_refetch: bool | None = attrs.field(default=None, metadata={"wire": "forceRefetch"})
    #: Optional marketplace kind filter. When omitted, only local marketplaces are queried, plus the
    #: default remote catalog when enabled by feature flag.
    marketplace_kinds: list[PluginListMarketplaceKind] | None = attrs.field(default=None, metadata={"wire": "marketplaceKinds"})


@attrs.frozen(kw_only=True)
class PluginListResponse:
    featured_plugin_ids: list[str] | None = attrs.field(default=None, metadata={"wire": "featuredPluginIds"})
    marketplace_load_errors: list[MarketplaceLoadErrorInfo] | None = attrs.field(default=None, metadata={"wire": "marketplaceLoadErrors"})
    marketplaces: list[PluginMarketplaceEntry]


@attrs.frozen(kw_only=True)
class PluginMarketplaceEntry:
    interface: MarketplaceInterface | None = None
    name: str
    #: Local marketplace file path when the marketplace is backed by a local file. Remote-only catalog
    #: marketplaces do not have a local path.
    path: AbsolutePathBuf | None = None
    plugins: list[PluginSummary]


@attrs.frozen(kw_only=True)
class PluginReadParams:
    marketplace_path: AbsolutePathBuf | None = attrs.field(default=None, metadata={"wire": "marketplacePath"})
    plugin_name: str = attrs.field(metadata={"wire": "pluginName"})
    remote_marketplace_name: str | None = attrs.field(default=None, metadata={"wire": "remoteMarketplaceName"})


@attrs.frozen(kw_only=True)
class PluginReadResponse:
    plugin: PluginDetail


@attrs.frozen(kw_only=True)
class PluginReconcileChangedPlugin:
    """Runtime categories affected by this change, not just capabilities currently present. Flags describe
    declarations before runtime policy filtering. Updates OR the old and new bundle flags; enablement
    changes and cached reinstalls use the cached bundle; removals retain the old bundle's flags.
    """

    has_apps: bool = attrs.field(metadata={"wire": "hasApps"})
    has_hooks: bool = attrs.field(metadata={"wire": "hasHooks"})
    has_mcps: bool = attrs.field(metadata={"wire": "hasMcps"})
    #: Whether either bundle declares skill roots; not a validated inventory of enabled skills.
    has_skills: bool = attrs.field(metadata={"wire": "hasSkills"})
    #: Local plugin ID (`name@marketplace`), matching `PluginSummary.id`.
    id: str


@attrs.frozen(kw_only=True)
class PluginReconcileParams:
    #: Optional client-provided reason recorded with the reconciliation attempt.
    reason: str | None = None


@attrs.frozen(kw_only=True)
class PluginReconcileResponse:
    """Bundle and installed-state changes observed by this pass, not a runtime-readiness acknowledgement or a
    cumulative diff since the client's last request. Other metadata-only changes are not listed.
    """

    #: Plugins affected by bundle changes, enablement changes, or removals. Installed-state changes
    #: compare against the previous cached snapshot, including cached reinstalls. Removal hints
    #: survive cache...
    changed_plugins: list[PluginReconcileChangedPlugin] = attrs.field(metadata={"wire": "changedPlugins"})
    #: Subset of failures for which the requested bundle could not be materialized. A previously
    #: cached version may still be available.
    failed_materialization_remote_plugin_ids: list[str] = attrs.field(metadata={"wire": "failedMaterializationRemotePluginIds"})
    #: Backend remote plugin IDs whose bundle or identity update failed.
    failed_remote_plugin_ids: list[str] = attrs.field(metadata={"wire": "failedRemotePluginIds"})


@attrs.frozen(kw_only=True)
class PluginSearchParams:
    cursor: str | None = None
    cwds: list[AbsolutePathBuf] | None = None
    limit: int | None = None
    scope: PluginSearchScope | None = None
    search_term: str = attrs.field(metadata={"wire": "searchTerm"})


@attrs.frozen(kw_only=True)
class PluginSearchResponse:
    data: list[PluginSearchResult]
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class PluginSearchResult:
    marketplace_name: str = attrs.field(metadata={"wire": "marketplaceName"})
    marketplace_path: AbsolutePathBuf | None = attrs.field(default=None, metadata={"wire": "marketplacePath"})
    plugin: PluginSummary


@attrs.frozen(kw_only=True)
class PluginShareCheckoutParams:
    remote_plugin_id: str = attrs.field(metadata={"wire": "remotePluginId"})


@attrs.frozen(kw_only=True)
class PluginShareCheckoutResponse:
    marketplace_name: str = attrs.field(metadata={"wire": "marketplaceName"})
    marketplace_path: AbsolutePathBuf = attrs.field(metadata={"wire": "marketplacePath"})
    plugin_id: str = attrs.field(metadata={"wire": "pluginId"})
    plugin_name: str = attrs.field(metadata={"wire": "pluginName"})
    plugin_path: AbsolutePathBuf = attrs.field(metadata={"wire": "pluginPath"})
    remote_plugin_id: str = attrs.field(metadata={"wire": "remotePluginId"})
    remote_version: str | None = attrs.field(default=None, metadata={"wire": "remoteVersion"})


@attrs.frozen(kw_only=True)
class PluginShareContext:
    can_publish_to_workspace: bool | None = attrs.field(default=None, metadata={"wire": "canPublishToWorkspace"})
    creator_account_user_id: str | None = attrs.field(default=None, metadata={"wire": "creatorAccountUserId"})
    creator_name: str | None = attrs.field(default=None, metadata={"wire": "creatorName"})
    discoverability: PluginShareDiscoverability | None = None
    remote_plugin_id: str = attrs.field(metadata={"wire": "remotePluginId"})
    #: Version of the remote shared plugin release when available.
    remote_version: str | None = attrs.field(default=None, metadata={"wire": "remoteVersion"})
    share_principals: list[PluginSharePrincipal] | None = attrs.field(default=None, metadata={"wire": "sharePrincipals"})
    share_url: str | None = attrs.field(default=None, metadata={"wire": "shareUrl"})


@attrs.frozen(kw_only=True)
class PluginShareDeleteParams:
    remote_plugin_id: str = attrs.field(metadata={"wire": "remotePluginId"})


@attrs.frozen(kw_only=True)
class PluginShareDeleteResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class PluginShareListItem:
    local_plugin_path: AbsolutePathBuf | None = attrs.field(default=None, metadata={"wire": "localPluginPath"})
    plugin: PluginSummary


@attrs.frozen(kw_only=True)
class PluginShareListParams:
    """An empty object."""


@attrs.frozen(kw_only=True)
class PluginShareListResponse:
    data: list[PluginShareListItem]


@attrs.frozen(kw_only=True)
class PluginSharePrincipal:
    name: str
    principal_id: str = attrs.field(metadata={"wire": "principalId"})
    principal_type: PluginSharePrincipalType = attrs.field(metadata={"wire": "principalType"})
    role: PluginSharePrincipalRole


@attrs.frozen(kw_only=True)
class PluginShareSaveParams:
    discoverability: PluginShareDiscoverability | None = None
    plugin_path: AbsolutePathBuf = attrs.field(metadata={"wire": "pluginPath"})
    remote_plugin_id: str | None = attrs.field(default=None, metadata={"wire": "remotePluginId"})
    share_targets: list[PluginShareTarget] | None = attrs.field(default=None, metadata={"wire": "shareTargets"})


@attrs.frozen(kw_only=True)
class PluginShareSaveResponse:
    can_publish_to_workspace: bool | None = attrs.field(default=None, metadata={"wire": "canPublishToWorkspace"})
    remote_plugin_id: str = attrs.field(metadata={"wire": "remotePluginId"})
    share_url: str = attrs.field(metadata={"wire": "shareUrl"})


@attrs.frozen(kw_only=True)
class PluginShareTarget:
    principal_id: str = attrs.field(metadata={"wire": "principalId"})
    principal_type: PluginSharePrincipalType = attrs.field(metadata={"wire": "principalType"})
    role: PluginShareTargetRole


@attrs.frozen(kw_only=True)
class PluginShareUpdateTargetsParams:
    discoverability: PluginShareUpdateDiscoverability
    remote_plugin_id: str = attrs.field(metadata={"wire": "remotePluginId"})
    share_targets: list[PluginShareTarget] = attrs.field(metadata={"wire": "shareTargets"})


@attrs.frozen(kw_only=True)
class PluginShareUpdateTargetsResponse:
    discoverability: PluginShareDiscoverability
    principals: list[PluginSharePrincipal]


@attrs.frozen(kw_only=True)
class PluginSkillReadParams:
    remote_marketplace_name: str = attrs.field(metadata={"wire": "remoteMarketplaceName"})
    remote_plugin_id: str = attrs.field(metadata={"wire": "remotePluginId"})
    skill_name: str = attrs.field(metadata={"wire": "skillName"})


@attrs.frozen(kw_only=True)
class PluginSkillReadResponse:
    contents: str | None = None


@attrs.frozen(kw_only=True)
class PluginSummary:
    auth_policy: PluginAuthPolicy = attrs.field(metadata={"wire": "authPolicy"})
    #: Availability state for installing and using the plugin.
    availability: PluginAvailability | None = None
    #: Why the remote plugin is unavailable, when provided by plugin-service.
    disabled_reason: PluginDisabledReason | None = attrs.field(default=None, metadata={"wire": "disabledReason"})
    #: Raw plugin-service plan identifiers eligible to install the plugin.
    eligible_plan_types: list[str] | None = attrs.field(default=None, metadata={"wire": "eligiblePlanTypes"})
    enabled: bool
    id: str
    install_policy: PluginInstallPolicy = attrs.field(metadata={"wire": "installPolicy"})
    install_policy_source: PluginInstallPolicySource | None = attrs.field(default=None, metadata={"wire": "installPolicySource"})
    installed: bool
    #: Unix timestamp in seconds when the remote plugin was installed, when available.
    installed_at: int | None = attrs.field(default=None, metadata={"wire": "installedAt"})
    interface: PluginInterface | None = None
    keywords: list[str] | None = None
    #: Version of the locally materialized plugin package when available.
    local_version: str | None = attrs.field(default=None, metadata={"wire": "localVersion"})
    must_show_installation_interstitial: bool | None = attrs.field(default=None, metadata={"wire": "mustShowInstallationInterstitial"})
    name: str
    #: Backend remote plugin identifier when available.
    remote_plugin_id: str | None = attrs.field(default=None, metadata={"wire": "remotePluginId"})
    #: Remote sharing context associated with this plugin when available.
    share_context: PluginShareContext | None = attrs.field(default=None, metadata={"wire": "shareContext"})
    source: PluginSource
    #: Version advertised by the remote marketplace backend when available.
    version: str | None = None


@attrs.frozen(kw_only=True)
class PluginUninstallParams:
    plugin_id: str = attrs.field(metadata={"wire": "pluginId"})


@attrs.frozen(kw_only=True)
class PluginUninstallResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class PluginsMigration:
    marketplace_name: str = attrs.field(metadata={"wire": "marketplaceName"})
    plugin_names: list[str] = attrs.field(metadata={"wire": "pluginNames"})


@attrs.frozen(kw_only=True)
class ProcessExitedNotification:
    """Final process exit notification for `process/spawn`."""

    #: Process exit code.
    exit_code: int = attrs.field(metadata={"wire": "exitCode"})
    #: Client-supplied, connection-scoped `processHandle` from `process/spawn`.
    process_handle: str = attrs.field(metadata={"wire": "processHandle"})
    #: Buffered stderr capture.
    stderr: str
    #: Whether stderr reached `outputBytesCap`.
    stderr_cap_reached: bool = attrs.field(metadata={"wire": "stderrCapReached"})
    #: Buffered stdout capture.
    stdout: str
    #: Whether stdout reached `outputBytesCap`.
    stdout_cap_reached: bool = attrs.field(metadata={"wire": "stdoutCapReached"})


@attrs.frozen(kw_only=True)
class ProcessKillParams:
    """Terminate a running `process/spawn` session."""

    #: Client-supplied, connection-scoped `processHandle` from `process/spawn`.
    process_handle: str = attrs.field(metadata={"wire": "processHandle"})


@attrs.frozen(kw_only=True)
class ProcessKillResponse:
    """Empty success response for `process/kill`."""


@attrs.frozen(kw_only=True)
class ProcessOutputDeltaNotification:
    """Base64-encoded output chunk emitted for a streaming `process/spawn` request."""

    #: True on the final streamed chunk for this stream when output was truncated by `outputBytesCap`.
    cap_reached: bool = attrs.field(metadata={"wire": "capReached"})
    #: Base64-encoded output bytes.
    delta_base64: str = attrs.field(metadata={"wire": "deltaBase64"})
    #: Client-supplied, connection-scoped `processHandle` from `process/spawn`.
    process_handle: str = attrs.field(metadata={"wire": "processHandle"})
    #: Output stream this chunk belongs to.
    stream: ProcessOutputStream


@attrs.frozen(kw_only=True)
class ProcessResizePtyParams:
    """Resize a running PTY-backed `process/spawn` session."""

    #: Client-supplied, connection-scoped `processHandle` from `process/spawn`.
    process_handle: str = attrs.field(metadata={"wire": "processHandle"})
    #: New PTY size in character cells.
    size: ProcessTerminalSize


@attrs.frozen(kw_only=True)
class ProcessResizePtyResponse:
    """Empty success response for `process/resizePty`."""


@attrs.frozen(kw_only=True)
class ProcessSpawnParams:
    """Spawn a standalone process (argv vector) without a Codex sandbox on the host where the app server is
    running.
    """

    #: Command argv vector. Empty arrays are rejected.
    command: list[str]
    #: Absolute working directory for the process.
    cwd: AbsolutePathBuf
    #: Optional environment overrides merged into the app-server process environment.
    env: dict[str, str | None] | None = None
    #: Optional per-stream stdout/stderr capture cap in bytes.
    output_bytes_cap: int | None = attrs.field(default=None, metadata={"wire": "outputBytesCap"})
    #: Client-supplied, connection-scoped process handle.
    process_handle: str = attrs.field(metadata={"wire": "processHandle"})
    #: Optional initial PTY size in character cells. Only valid when `tty` is true.
    size: ProcessTerminalSize | None = None
    #: Allow follow-up `process/writeStdin` requests to write stdin bytes.
    stream_stdin: bool | None = attrs.field(default=None, metadata={"wire": "streamStdin"})
    #: Stream stdout/stderr via `process/outputDelta` notifications.
    stream_stdout_stderr: bool | None = attrs.field(default=None, metadata={"wire": "streamStdoutStderr"})
    #: Optional timeout in milliseconds.
    timeout_ms: int | None = attrs.field(default=None, metadata={"wire": "timeoutMs"})
    #: Enable PTY mode.
    tty: bool | None = None


@attrs.frozen(kw_only=True)
class ProcessSpawnResponse:
    """Successful response for `process/spawn`."""


@attrs.frozen(kw_only=True)
class ProcessTerminalSize:
    """PTY size in character cells for `process/spawn` PTY sessions."""

    #: Terminal width in character cells.
    cols: int
    #: Terminal height in character cells.
    rows: int


@attrs.frozen(kw_only=True)
class ProcessWriteStdinParams:
    """Write stdin bytes to a running `process/spawn` session, close stdin, or both."""

    #: Close stdin after writing `deltaBase64`, if present.
    close_stdin: bool | None = attrs.field(default=None, metadata={"wire": "closeStdin"})
    #: Optional base64-encoded stdin bytes to write.
    delta_base64: str | None = attrs.field(default=None, metadata={"wire": "deltaBase64"})
    #: Client-supplied, connection-scoped `processHandle` from `process/spawn`.
    process_handle: str = attrs.field(metadata={"wire": "processHandle"})


@attrs.frozen(kw_only=True)
class ProcessWriteStdinResponse:
    """Empty success response for `process/writeStdin`."""


@attrs.frozen(kw_only=True)
class ProfileBedrockSetupParams:
    profile: str
    region: str
    type: Literal["profile"] = attrs.field(default="profile", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class Project:
    created_at: int = attrs.field(metadata={"wire": "createdAt"})
    id: str
    metadata: dict[str, str]
    name: str
    position: int
    #: Newest non-archived member thread's recency, in Unix seconds; null when none exist.
    recency_at: int | None = attrs.field(default=None, metadata={"wire": "recencyAt"})
    roots: list[ProjectRoot]
    updated_at: int = attrs.field(metadata={"wire": "updatedAt"})


@attrs.frozen(kw_only=True)
class ProjectChangedNotification:
    change_type: ProjectChangeType = attrs.field(metadata={"wire": "changeType"})
    project_id: str = attrs.field(metadata={"wire": "projectId"})


@attrs.frozen(kw_only=True)
class ProjectConfigLayerSource:
    """Path to a .codex/ folder within a project. There could be multiple of these between `cwd` and the
    project/repo root.
    """

    dot_codex_folder: AbsolutePathBuf = attrs.field(metadata={"wire": "dotCodexFolder"})
    type: Literal["project"] = attrs.field(default="project", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ProjectCreateParams:
    idempotency_key: str = attrs.field(metadata={"wire": "idempotencyKey"})
    metadata: dict[str, str] | None = None
    name: str
    roots: list[ProjectRoot]


@attrs.frozen(kw_only=True)
class ProjectCreateResponse:
    project: Project


@attrs.frozen(kw_only=True)
class ProjectDeleteParams:
    project_id: str = attrs.field(metadata={"wire": "projectId"})


@attrs.frozen(kw_only=True)
class ProjectDeleteResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ProjectImportParams:
    idempotency_key: str = attrs.field(metadata={"wire": "idempotencyKey"})
    metadata: dict[str, str] | None = None
    name: str
    roots: list[ProjectRoot]
    threads: list[str] | None = None


@attrs.frozen(kw_only=True)
class ProjectImportResponse:
    project: Project


@attrs.frozen(kw_only=True)
class ProjectListParams:
    cursor: str | None = None
    limit: int | None = None
    #: Requires sortKey. Defaults to asc for position and desc for recencyAt.
    sort_direction: SortDirection | None = attrs.field(default=None, metadata={"wire": "sortDirection"})
    #: Defaults to position. Recency sorting always places empty projects last.
    sort_key: ProjectSortKey | None = attrs.field(default=None, metadata={"wire": "sortKey"})


@attrs.frozen(kw_only=True)
class ProjectListResponse:
    data: list[Project]
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class ProjectMoveParams:
    before_project_id: str | None = attrs.field(default=None, metadata={"wire": "beforeProjectId"})
    project_id: str = attrs.field(metadata={"wire": "projectId"})


@attrs.frozen(kw_only=True)
class ProjectMoveResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ProjectReadParams:
    project_id: str = attrs.field(metadata={"wire": "projectId"})


@attrs.frozen(kw_only=True)
class ProjectReadResponse:
    project: Project


@attrs.frozen(kw_only=True)
class ProjectRoot:
    path: AbsolutePathBuf


@attrs.frozen(kw_only=True)
class ProjectUpdateParams:
    metadata: dict[str, str] | None = None
    name: str | None = None
    project_id: str = attrs.field(metadata={"wire": "projectId"})
    roots: list[ProjectRoot] | None = None


@attrs.frozen(kw_only=True)
class ProjectUpdateResponse:
    project: Project


@attrs.frozen(kw_only=True)
class PromptConfiguredHookHandler:
    type: Literal["prompt"] = attrs.field(default="prompt", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class PromptHookMetadata:
    #: Configured `additionalContext` spill threshold. `null` uses 2,500 tokens; `0` disables
    #: spilling.
    additional_context_limit: int | None = attrs.field(default=None, metadata={"wire": "additionalContextLimit"})
    current_hash: str = attrs.field(metadata={"wire": "currentHash"})
    display_order: int = attrs.field(metadata={"wire": "displayOrder"})
    enabled: bool
    event_name: HookEventName = attrs.field(metadata={"wire": "eventName"})
    handler_type: Literal["prompt"] = attrs.field(default="prompt", metadata={"wire": "handlerType", "tag": True})
    is_managed: bool = attrs.field(metadata={"wire": "isManaged"})
    key: str
    matcher: str | None = None
    plugin_id: str | None = attrs.field(default=None, metadata={"wire": "pluginId"})
    source: HookSource
    source_path: AbsolutePathBuf = attrs.field(metadata={"wire": "sourcePath"})
    status_message: str | None = attrs.field(default=None, metadata={"wire": "statusMessage"})
    timeout_sec: int = attrs.field(metadata={"wire": "timeoutSec"})
    trust_status: HookTrustStatus = attrs.field(metadata={"wire": "trustStatus"})


@attrs.frozen(kw_only=True)
class QueuedSubmission:
    client_user_message_id: str = attrs.field(metadata={"wire": "clientUserMessageId"})
    id: str
    input: list[UserInput]


@attrs.frozen(kw_only=True)
class RateLimitResetCredit:
    #: Backend-provided display description for this credit, or `null` when unavailable.
    description: str | None = None
    #: Unix timestamp in seconds when the credit expires, or `null` if it does not expire.
    expires_at: int | None = attrs.field(default=None, metadata={"wire": "expiresAt"})
    #: Unix timestamp in seconds when the credit was granted.
    granted_at: int = attrs.field(metadata={"wire": "grantedAt"})
    #: Opaque backend identifier for this reset credit.
    id: str
    reset_type: RateLimitResetType = attrs.field(metadata={"wire": "resetType"})
    status: RateLimitResetCreditStatus
    #: Backend-provided display title for this credit, or `null` when unavailable.
    title: str | None = None


@attrs.frozen(kw_only=True)
class RateLimitResetCreditsSummary:
    available_count: int = attrs.field(metadata={"wire": "availableCount"})
    #: Detail rows for available reset credits, when the backend provides them.
    credits: list[RateLimitResetCredit] | None = None


@attrs.frozen(kw_only=True)
class RateLimitSnapshot:
    credits: CreditsSnapshot | None = None
    individual_limit: SpendControlLimitSnapshot | None = attrs.field(default=None, metadata={"wire": "individualLimit"})
    limit_id: str | None = attrs.field(default=None, metadata={"wire": "limitId"})
    limit_name: str | None = attrs.field(default=None, metadata={"wire": "limitName"})
    #: Normal model whose display name and reasoning options describe this quota alias.
    normal_model_slug: str | None = attrs.field(default=None, metadata={"wire": "normalModelSlug"})
    plan_type: PlanType | None = attrs.field(default=None, metadata={"wire": "planType"})
    primary: RateLimitWindow | None = None
    rate_limit_reached_type: RateLimitReachedType | None = attrs.field(default=None, metadata={"wire": "rateLimitReachedType"})
    secondary: RateLimitWindow | None = None
    #: Backend-reported spend-control state. `None` is unavailable, not a sparse-update recovery.
    spend_control_reached: bool | None = attrs.field(default=None, metadata={"wire": "spendControlReached"})


@attrs.frozen(kw_only=True)
class RateLimitWindow:
    resets_at: int | None = attrs.field(default=None, metadata={"wire": "resetsAt"})
    used_percent: int = attrs.field(metadata={"wire": "usedPercent"})
    window_duration_mins: int | None = attrs.field(default=None, metadata={"wire": "windowDurationMins"})


@attrs.frozen(kw_only=True)
class RawResponseCompletedNotification:
    """Internal-only notification containing the exact usage from one upstream Responses API completion."""

    response_id: str = attrs.field(metadata={"wire": "responseId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})
    usage: TokenUsageBreakdown | None = None
    usage_metadata: ResponseUsageMetadata | None = attrs.field(default=None, metadata={"wire": "usageMetadata"})


@attrs.frozen(kw_only=True)
class RawResponseItemCompletedNotification:
    item: ResponseItem
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class ReadCommandAction:
    command: str
    name: str
    path: LegacyAppPathString
    type: Literal["read"] = attrs.field(default="read", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ReadOnlySandboxPolicy:
    network_access: bool | None = attrs.field(default=None, metadata={"wire": "networkAccess"})
    type: Literal["readOnly"] = attrs.field(default="readOnly", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ReadParsedCommand:
    cmd: str
    name: str
    #: (Best effort) Path to the file being read by the command. When possible, this is an absolute
    #: path, though when relative, it should be resolved against the `cwd`` that will be used to run
    #: the...
    path: str
    type: Literal["read"] = attrs.field(default="read", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ReadThreadReadStateOperation:
    type: Literal["read"] = attrs.field(default="read", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class RealtimeSessionClosedThreadRealtimeItem:
    """EXPERIMENTAL - a thread-scoped realtime item in the canonical timeline."""

    id: str
    outcome: ThreadRealtimeSessionOutcome
    realtime_session_id: str = attrs.field(metadata={"wire": "realtimeSessionId"})
    type: Literal["realtimeSessionClosed"] = attrs.field(default="realtimeSessionClosed", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class RealtimeSessionStartedThreadRealtimeItem:
    """EXPERIMENTAL - a thread-scoped realtime item in the canonical timeline."""

    id: str
    realtime_session_id: str = attrs.field(metadata={"wire": "realtimeSessionId"})
    type: Literal["realtimeSessionStarted"] = attrs.field(default="realtimeSessionStarted", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class RealtimeThreadTimelineEntry:
    item: ThreadRealtimeItem
    position: int
    type: Literal["realtime"] = attrs.field(default="realtime", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class RealtimeVoicesList:
    default_v1: RealtimeVoice = attrs.field(metadata={"wire": "defaultV1"})
    default_v2: RealtimeVoice = attrs.field(metadata={"wire": "defaultV2"})
    v1: list[RealtimeVoice]
    v2: list[RealtimeVoice]
    v3: list[RealtimeVoice] | None = None


@attrs.frozen(kw_only=True)
class ReasoningEffortOption:
    description: str
    reasoning_effort: ReasoningEffort = attrs.field(metadata={"wire": "reasoningEffort"})


@attrs.frozen(kw_only=True)
class ReasoningResponseItem:
    content: list[ReasoningItemContent] | None = None
    encrypted_content: str | None = None
    id: str | None = None
    internal_chat_message_metadata_passthrough: InternalChatMessageMetadataPassthrough | None = None
    summary: list[ReasoningItemReasoningSummary]
    type: Literal["reasoning"] = attrs.field(default="reasoning", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ReasoningSummaryPartAddedNotification:
    item_id: str = attrs.field(metadata={"wire": "itemId"})
    summary_index: int = attrs.field(metadata={"wire": "summaryIndex"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class ReasoningSummaryTextDeltaNotification:
    delta: str
    item_id: str = attrs.field(metadata={"wire": "itemId"})
    summary_index: int = attrs.field(metadata={"wire": "summaryIndex"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class ReasoningTextDeltaNotification:
    content_index: int = attrs.field(metadata={"wire": "contentIndex"})
    delta: str
    item_id: str = attrs.field(metadata={"wire": "itemId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class ReasoningTextReasoningItemContent:
    text: str
    type: Literal["reasoning_text"] = attrs.field(default="reasoning_text", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ReasoningThreadItem:
    content: list[str] | None = None
    id: str
    summary: list[str] | None = None
    type: Literal["reasoning"] = attrs.field(default="reasoning", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class RemoteControlClient:
    app_version: str | None = attrs.field(default=None, metadata={"wire": "appVersion"})
    client_id: str = attrs.field(metadata={"wire": "clientId"})
    device_model: str | None = attrs.field(default=None, metadata={"wire": "deviceModel"})
    device_type: str | None = attrs.field(default=None, metadata={"wire": "deviceType"})
    display_name: str | None = attrs.field(default=None, metadata={"wire": "displayName"})
    last_seen_at: int | None = attrs.field(default=None, metadata={"wire": "lastSeenAt"})
    os_version: str | None = attrs.field(default=None, metadata={"wire": "osVersion"})
    platform: str | None = None


@attrs.frozen(kw_only=True)
class RemoteControlClientsListParams:
    cursor: str | None = None
    environment_id: str = attrs.field(metadata={"wire": "environmentId"})
    limit: int | None = None
    order: RemoteControlClientsListOrder | None = None


@attrs.frozen(kw_only=True)
class RemoteControlClientsListResponse:
    data: list[RemoteControlClient]
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class RemoteControlClientsRevokeParams:
    client_id: str = attrs.field(metadata={"wire": "clientId"})
    environment_id: str = attrs.field(metadata={"wire": "environmentId"})


@attrs.frozen(kw_only=True)
class RemoteControlClientsRevokeResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class RemoteControlDisableParams:
    ephemeral: bool | None = None


@attrs.frozen(kw_only=True)
class RemoteControlDisableResponse:
    environment_id: str | None = attrs.field(default=None, metadata={"wire": "environmentId"})
    installation_id: str = attrs.field(metadata={"wire": "installationId"})
    server_name: str = attrs.field(metadata={"wire": "serverName"})
    status: RemoteControlConnectionStatus


@attrs.frozen(kw_only=True)
class RemoteControlEnableParams:
    ephemeral: bool | None = None


@attrs.frozen(kw_only=True)
class RemoteControlEnableResponse:
    environment_id: str | None = attrs.field(default=None, metadata={"wire": "environmentId"})
    installation_id: str = attrs.field(metadata={"wire": "installationId"})
    server_name: str = attrs.field(metadata={"wire": "serverName"})
    status: RemoteControlConnectionStatus


@attrs.frozen(kw_only=True)
class RemoteControlPairingStartParams:
    manual_code: bool | None = attrs.field(default=None, metadata={"wire": "manualCode"})


@attrs.frozen(kw_only=True)
class RemoteControlPairingStartResponse:
    environment_id: str = attrs.field(metadata={"wire": "environmentId"})
    expires_at: int = attrs.field(metadata={"wire": "expiresAt"})
    manual_pairing_code: str | None = attrs.field(default=None, metadata={"wire": "manualPairingCode"})
    pairing_code: str = attrs.field(metadata={"wire": "pairingCode"})


@attrs.frozen(kw_only=True)
class RemoteControlPairingStatusParams:
    manual_pairing_code: str | None = attrs.field(default=None, metadata={"wire": "manualPairingCode"})
    pairing_code: str | None = attrs.field(default=None, metadata={"wire": "pairingCode"})


@attrs.frozen(kw_only=True)
class RemoteControlPairingStatusResponse:
    claimed: bool


@attrs.frozen(kw_only=True)
class RemoteControlStatusChangedNotification:
    """Current remote-control connection status and remote identity exposed to clients."""

    environment_id: str | None = attrs.field(default=None, metadata={"wire": "environmentId"})
    installation_id: str = attrs.field(metadata={"wire": "installationId"})
    server_name: str = attrs.field(metadata={"wire": "serverName"})
    status: RemoteControlConnectionStatus


@attrs.frozen(kw_only=True)
class RemoteControlStatusReadResponse:
    environment_id: str | None = attrs.field(default=None, metadata={"wire": "environmentId"})
    installation_id: str = attrs.field(metadata={"wire": "installationId"})
    server_name: str = attrs.field(metadata={"wire": "serverName"})
    status: RemoteControlConnectionStatus


@attrs.frozen(kw_only=True)
class RemotePluginSource:
    """The plugin is available in the remote catalog. Download metadata is kept server-side and is not
    exposed through the app-server API.
    """

    type: Literal["remote"] = attrs.field(default="remote", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class RequestHeader:
    name: str
    value: str


@attrs.frozen(kw_only=True)
class RequestPermissionProfile:
    file_system: AdditionalFileSystemPermissions | None = attrs.field(default=None, metadata={"wire": "fileSystem"})
    network: AdditionalNetworkPermissions | None = None


@attrs.frozen(kw_only=True)
class RequestPermissionsGuardianApprovalReviewAction:
    permissions: RequestPermissionProfile
    reason: str | None = None
    type: Literal["requestPermissions"] = attrs.field(default="requestPermissions", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class Resource:
    """A known resource that the server is capable of reading."""

    meta: Any = attrs.field(default=None, metadata={"wire": "_meta"})
    annotations: Any = None
    description: str | None = None
    icons: list[Any] | None = None
    mime_type: str | None = attrs.field(default=None, metadata={"wire": "mimeType"})
    name: str
    size: int | None = None
    title: str | None = None
    uri: str


@attrs.frozen(kw_only=True)
class ResourceTemplate:
    """A template description for resources available on the server."""

    annotations: Any = None
    description: str | None = None
    mime_type: str | None = attrs.field(default=None, metadata={"wire": "mimeType"})
    name: str
    title: str | None = None
    uri_template: str = attrs.field(metadata={"wire": "uriTemplate"})


@attrs.frozen(kw_only=True)
class ResponseStreamConnectionFailedCodexErrorInfo:
    """Failed to connect to the response SSE stream."""

    response_stream_connection_failed: ResponseStreamConnectionFailedCodexErrorInfoBody = attrs.field(metadata={"wire": "responseStreamConnectionFailed"})


@attrs.frozen(kw_only=True)
class ResponseStreamConnectionFailedCodexErrorInfoBody:
    http_status_code: int | None = attrs.field(default=None, metadata={"wire": "httpStatusCode"})


@attrs.frozen(kw_only=True)
class ResponseStreamDisconnectedCodexErrorInfo:
    """The response SSE stream disconnected in the middle of a turn before completion."""

    response_stream_disconnected: ResponseStreamDisconnectedCodexErrorInfoBody = attrs.field(metadata={"wire": "responseStreamDisconnected"})


@attrs.frozen(kw_only=True)
class ResponseStreamDisconnectedCodexErrorInfoBody:
    http_status_code: int | None = attrs.field(default=None, metadata={"wire": "httpStatusCode"})


@attrs.frozen(kw_only=True)
class ResponseTooManyFailedAttemptsCodexErrorInfo:
    """Reached the retry limit for responses."""

    response_too_many_failed_attempts: ResponseTooManyFailedAttemptsCodexErrorInfoBody = attrs.field(metadata={"wire": "responseTooManyFailedAttempts"})


@attrs.frozen(kw_only=True)
class ResponseTooManyFailedAttemptsCodexErrorInfoBody:
    http_status_code: int | None = attrs.field(default=None, metadata={"wire": "httpStatusCode"})


@attrs.frozen(kw_only=True)
class ResponseUsageMetadata:
    """Usage metadata reported for one upstream response."""

    amount: str | None = None
    metadata: Any = None


@attrs.frozen(kw_only=True)
class ReviewStartParams:
    #: Where to run the review: inline (default) on the current thread or detached on a new thread
    #: (returned in `reviewThreadId`). Detached delivery is deprecated and emits `deprecationNotice`.
    #: Use...
    delivery: ReviewDelivery | None = None
    target: ReviewTarget
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ReviewStartResponse:
    #: Identifies the thread where the review runs.
    review_thread_id: str = attrs.field(metadata={"wire": "reviewThreadId"})
    turn: Turn


@attrs.frozen(kw_only=True)
class RolloutCompressResponse:
    """Acknowledges the compression trigger, not completion. Existing maintenance locks and cooldowns can
    cause the background pass to skip without doing work.
    """


@attrs.frozen(kw_only=True)
class RootFileSystemSpecialPath:
    kind: Literal["root"] = attrs.field(default="root", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class SandboxWorkspaceWrite:
    exclude_slash_tmp: bool | None = None
    exclude_tmpdir_env_var: bool | None = None
    network_access: bool | None = None
    writable_roots: list[str] | None = None


@attrs.frozen(kw_only=True)
class ScheduledTaskSummary:
    key: str
    name: str
    prompt: str
    schedule: ScheduledTaskSchedule


@attrs.frozen(kw_only=True)
class SearchCommandAction:
    command: str
    path: str | None = None
    query: str | None = None
    type: Literal["search"] = attrs.field(default="search", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class SearchParsedCommand:
    cmd: str
    path: str | None = None
    query: str | None = None
    type: Literal["search"] = attrs.field(default="search", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class SearchResponsesApiWebSearchAction:
    queries: list[str] | None = None
    query: str | None = None
    type: Literal["search"] = attrs.field(default="search", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class SearchWebSearchAction:
    queries: list[str] | None = None
    query: str | None = None
    type: Literal["search"] = attrs.field(default="search", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class SelectedCapabilityRoot:
    """A user-selected root that can expose one or more runtime capabilities."""

    #: Stable identifier supplied by the capability selection platform.
    id: str
    #: Where the selected root can be resolved.
    location: CapabilityRootLocation


@attrs.frozen(kw_only=True)
class SendAddCreditsNudgeEmailParams:
    credit_type: AddCreditsNudgeCreditType = attrs.field(metadata={"wire": "creditType"})


@attrs.frozen(kw_only=True)
class SendAddCreditsNudgeEmailResponse:
    status: AddCreditsNudgeEmailStatus


@attrs.frozen(kw_only=True)
class ServerDiagnosticsGauge:
    name: str
    value: int


@attrs.frozen(kw_only=True)
class ServerDiagnosticsParams:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ServerDiagnosticsProcess:
    id: int
    physical_footprint_bytes: int | None = attrs.field(default=None, metadata={"wire": "physicalFootprintBytes"})
    resident_memory_bytes: int | None = attrs.field(default=None, metadata={"wire": "residentMemoryBytes"})


@attrs.frozen(kw_only=True)
class ServerDiagnosticsResponse:
    gauges: list[ServerDiagnosticsGauge]
    process: ServerDiagnosticsProcess


@attrs.frozen(kw_only=True)
class ServerRequestResolvedNotification:
    request_id: RequestId = attrs.field(metadata={"wire": "requestId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class SessionFlagsConfigLayerSource:
    """Session-layer overrides supplied via `-c`/`--config`."""

    type: Literal["sessionFlags"] = attrs.field(default="sessionFlags", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class SessionMigration:
    cwd: str
    path: str
    title: str | None = None


@attrs.frozen(kw_only=True)
class Settings:
    """Settings for a collaboration mode."""

    developer_instructions: str | None = None
    model: str
    reasoning_effort: ReasoningEffort | None = None


@attrs.frozen(kw_only=True)
class SkillDependencies:
    tools: list[SkillToolDependency]


@attrs.frozen(kw_only=True)
class SkillErrorInfo:
    message: str
    path: str


@attrs.frozen(kw_only=True)
class SkillInterface:
    brand_color: str | None = attrs.field(default=None, metadata={"wire": "brandColor"})
    default_prompt: str | None = attrs.field(default=None, metadata={"wire": "defaultPrompt"})
    display_name: str | None = attrs.field(default=None, metadata={"wire": "displayName"})
    icon_large: AbsolutePathBuf | None = attrs.field(default=None, metadata={"wire": "iconLarge"})
    #: Remote large icon URL from the plugin catalog.
    icon_large_url: str | None = attrs.field(default=None, metadata={"wire": "iconLargeUrl"})
    icon_small: AbsolutePathBuf | None = attrs.field(default=None, metadata={"wire": "iconSmall"})
    #: Remote small icon URL from the plugin catalog.
    icon_small_url: str | None = attrs.field(default=None, metadata={"wire": "iconSmallUrl"})
    short_description: str | None = attrs.field(default=None, metadata={"wire": "shortDescription"})


@attrs.frozen(kw_only=True)
class SkillMetadata:
    dependencies: SkillDependencies | None = None
    description: str
    enabled: bool
    interface: SkillInterface | None = None
    name: str
    path: LegacyAppPathString
    #: Owning plugin ID, matching `PluginSummary.id`, when known.
    plugin_id: str | None = attrs.field(default=None, metadata={"wire": "pluginId"})
    scope: SkillScope
    #: Legacy short_description from SKILL.md. Prefer SKILL.json interface.short_description.
    short_description: str | None = attrs.field(default=None, metadata={"wire": "shortDescription"})


@attrs.frozen(kw_only=True)
class SkillMigration:
    name: str


@attrs.frozen(kw_only=True)
class SkillSummary:
    description: str
    enabled: bool
    interface: SkillInterface | None = None
    name: str
    path: LegacyAppPathString | None = None
    short_description: str | None = attrs.field(default=None, metadata={"wire": "shortDescription"})


@attrs.frozen(kw_only=True)
class SkillToolDependency:
    command: str | None = None
    description: str | None = None
    transport: str | None = None
    type: str
    url: str | None = None
    value: str


@attrs.frozen(kw_only=True)
class SkillUserInput:
    name: str
    path: str
    type: Literal["skill"] = attrs.field(default="skill", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class SkillsChangedNotification:
    """Notification emitted when watched local skill files change."""


@attrs.frozen(kw_only=True)
class SkillsConfigWriteParams:
    enabled: bool
    #: Name-based selector.
    name: str | None = None
    #: Path-based selector.
    path: AbsolutePathBuf | None = None


@attrs.frozen(kw_only=True)
class SkillsConfigWriteResponse:
    effective_enabled: bool = attrs.field(metadata={"wire": "effectiveEnabled"})


@attrs.frozen(kw_only=True)
class SkillsExtraRootsSetParams:
    extra_roots: list[AbsolutePathBuf] = attrs.field(metadata={"wire": "extraRoots"})


@attrs.frozen(kw_only=True)
class SkillsExtraRootsSetResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class SkillsListEntry:
    cwd: str
    errors: list[SkillErrorInfo]
    skills: list[SkillMetadata]


@attrs.frozen(kw_only=True)
class SkillsListParams:
    #: When empty, defaults to the current session working directory.
    cwds: list[str] | None = None
    #: When true, bypass the skills cache and re-scan skills from disk.
    force_reload: bool | None = attrs.field(default=None, metadata={"wire": "forceReload"})


@attrs.frozen(kw_only=True)
class SkillsListResponse:
    data: list[SkillsListEntry]


@attrs.frozen(kw_only=True)
class SlashTmpFileSystemSpecialPath:
    kind: Literal["slash_tmp"] = attrs.field(default="slash_tmp", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class SleepThreadItem:
    """Display item emitted by the interruptible `clock.sleep` tool."""

    duration_ms: int = attrs.field(metadata={"wire": "durationMs"})
    id: str
    type: Literal["sleep"] = attrs.field(default="sleep", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class SpecialFileSystemPath:
    type: Literal["special"] = attrs.field(default="special", metadata={"tag": True})
    value: FileSystemSpecialPath


@attrs.frozen(kw_only=True)
class SpendControlLimitSnapshot:
    limit: str
    remaining_percent: int = attrs.field(metadata={"wire": "remainingPercent"})
    resets_at: int = attrs.field(metadata={"wire": "resetsAt"})
    used: str


@attrs.frozen(kw_only=True)
class StrictReviewRequiredNotification:
    #: Unix timestamp (in milliseconds) when this review started.
    started_at_ms: int = attrs.field(metadata={"wire": "startedAtMs"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class SubAgentActivityThreadItem:
    agent_path: str = attrs.field(metadata={"wire": "agentPath"})
    agent_thread_id: str = attrs.field(metadata={"wire": "agentThreadId"})
    id: str
    kind: SubAgentActivityKind
    #: Resolved model at sub-agent creation; absent from older records and other activities.
    model: str | None = None
    #: Resolved reasoning effort at sub-agent creation, when known.
    reasoning_effort: ReasoningEffort | None = attrs.field(default=None, metadata={"wire": "reasoningEffort"})
    type: Literal["subAgentActivity"] = attrs.field(default="subAgentActivity", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class SubAgentSessionSource:
    sub_agent: SubAgentSource = attrs.field(metadata={"wire": "subAgent"})


@attrs.frozen(kw_only=True)
class SubagentMigration:
    name: str


@attrs.frozen(kw_only=True)
class SummaryTextReasoningItemReasoningSummary:
    text: str
    type: Literal["summary_text"] = attrs.field(default="summary_text", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class SystemConfigLayerSource:
    """Managed config layer from a file (usually `managed_config.toml`)."""

    #: This is the path to the system config.toml file, though it is not guaranteed to exist.
    file: AbsolutePathBuf
    type: Literal["system"] = attrs.field(default="system", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class SystemErrorThreadStatus:
    type: Literal["systemError"] = attrs.field(default="systemError", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class TerminalInteractionNotification:
    item_id: str = attrs.field(metadata={"wire": "itemId"})
    process_id: str = attrs.field(metadata={"wire": "processId"})
    stdin: str
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class TextElement:
    #: Byte range in the parent `text` buffer that this element occupies.
    byte_range: ByteRange = attrs.field(metadata={"wire": "byteRange"})
    #: Optional human-readable placeholder for the element, displayed in the UI.
    placeholder: str | None = None


@attrs.frozen(kw_only=True)
class TextPosition:
    #: 1-based column number (in Unicode scalar values).
    column: int
    #: 1-based line number.
    line: int


@attrs.frozen(kw_only=True)
class TextRange:
    end: TextPosition
    start: TextPosition


@attrs.frozen(kw_only=True)
class TextReasoningItemContent:
    text: str
    type: Literal["text"] = attrs.field(default="text", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class TextResourceContent:
    meta: Any = attrs.field(default=None, metadata={"wire": "_meta"})
    mime_type: str | None = attrs.field(default=None, metadata={"wire": "mimeType"})
    text: str
    #: The URI of this resource.
    uri: str


@attrs.frozen(kw_only=True)
class TextUserInput:
    text: str
    #: UI-defined spans within `text` used to render or persist special elements.
    text_elements: list[TextElement] | None = None
    type: Literal["text"] = attrs.field(default="text", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class Thread:
    #: Optional random unique nickname assigned to an AgentControl-spawned sub-agent.
    agent_nickname: str | None = attrs.field(default=None, metadata={"wire": "agentNickname"})
    #: Optional role (agent_role) assigned to an AgentControl-spawned sub-agent.
    agent_role: str | None = attrs.field(default=None, metadata={"wire": "agentRole"})
    #: Whether the app server accepts direct turn input for this loaded thread. `None` means the
    #: capability is unavailable, such as for an unloaded stored thread.
    can_accept_direct_input: bool | None = attrs.field(default=None, metadata={"wire": "canAcceptDirectInput"})
    #: Version of the CLI that created the thread.
    cli_version: str = attrs.field(metadata={"wire": "cliVersion"})
    #: Unix timestamp (in seconds) when the thread was created.
    created_at: int = attrs.field(metadata={"wire": "createdAt"})
    #: Working directory captured for the thread.
    cwd: AbsolutePathBuf
    #: Saved Daybreak choice, independent of turn execution. Null if unset.
    daybreak_enabled: bool | None = attrs.field(default=None, metadata={"wire": "daybreakEnabled"})
    #: Current environments for a loaded thread, in priority order, primary first. `null` means the
    #: thread is not loaded or the server does not expose its selection. An empty list means no
    #: environments...
    environments: list[ThreadEnvironment] | None = None
    #: Whether the thread is ephemeral and should not be materialized on disk.
    ephemeral: bool
    #: Optional implementation-specific thread data.
    extra: ThreadExtra | None = None
    #: Source thread id when this thread was created by forking another thread.
    forked_from_id: str | None = attrs.field(default=None, metadata={"wire": "forkedFromId"})
    #: Optional Git metadata captured when the thread was created.
    git_info: GitInfo | None = attrs.field(default=None, metadata={"wire": "gitInfo"})
    #: Persisted thread history contract selected when this thread was created.
    history_mode: ThreadHistoryMode | None = attrs.field(default=None, metadata={"wire": "historyMode"})
    #: Identifier for this thread. Codex-generated thread IDs are UUIDv7.
    id: str
    #: Current configured model when loaded, otherwise the latest persisted model. Null when
    #: unavailable. This is not per-turn execution telemetry.
    model: str | None = None
    #: Model provider used for this thread (for example, 'openai').
    model_provider: str = attrs.field(metadata={"wire": "modelProvider"})
    #: Optional user-facing thread title.
    name: str | None = None
    #: Originator recorded when the thread was created, independent of its current client or executor.
    #: Null when the recorded originator is unavailable.
    originator: str | None = None
    #: The ID of the parent thread. This will only be set if this thread is a subagent.
    parent_thread_id: str | None = attrs.field(default=None, metadata={"wire": "parentThreadId"})
    #: [UNSTABLE] Path to the thread on disk.
    path: str | None = None
    #: Usually the first user message in the thread, if available.
    preview: str
    #: Canonical project assignment owned by app-server, if any.
    project_id: str | None = attrs.field(metadata={"wire": "projectId"})
    #: Current configured reasoning effort when loaded, otherwise the latest persisted effort. Null
    #: when unset or unavailable. This is not per-turn execution telemetry.
    reasoning_effort: ReasoningEffort | None = attrs.field(default=None, metadata={"wire": "reasoningEffort"})
    #: Unix timestamp (in seconds) used for thread recency ordering.
    recency_at: int | None = attrs.field(default=None, metadata={"wire": "recencyAt"})
    #: The independently persisted section selected for this thread, if any.
    section: ThreadSection | None = None
    #: Unix timestamp in seconds when the thread entered its current section.
    section_entered_at: int | None = attrs.field(default=None, metadata={"wire": "sectionEnteredAt"})
    #: Session id shared by threads that belong to the same session tree.
    session_id: str = attrs.field(metadata={"wire": "sessionId"})
    #: Origin of the thread (CLI, VSCode, codex exec, codex app-server, etc.).
    source: SessionSource
    #: Current runtime status for the thread.
    status: ThreadStatus
    #: Optional analytics source classification for this thread.
    thread_source: ThreadSource | None = attrs.field(default=None, metadata={"wire": "threadSource"})
    #: Only populated on `thread/resume`, `thread/fork`, and `thread/read` (when `includeTurns` is
    #: true) responses. For all other responses and notifications returning a Thread, the turns field
    #: will be...
    turns: list[Turn]
    #: Unix timestamp (in seconds) when the thread was last updated.
    updated_at: int = attrs.field(metadata={"wire": "updatedAt"})


@attrs.frozen(kw_only=True)
class ThreadApproveGuardianDeniedActionParams:
    #: Serialized `codex_protocol::protocol::GuardianAssessmentEvent`.
    event: Any
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadApproveGuardianDeniedActionResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ThreadArchiveParams:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadArchiveResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ThreadArchivedNotification:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadAttachment:
    """An independently persisted attachment associated with a thread."""

    attachment_type: str = attrs.field(metadata={"wire": "attachmentType"})
    created_at: int = attrs.field(metadata={"wire": "createdAt"})
    id: str
    identity_key: str = attrs.field(metadata={"wire": "identityKey"})
    payload: Any


@attrs.frozen(kw_only=True)
class ThreadAttachmentAddParams:
    """Parameters for creating or locating an attachment on its owning thread."""

    attachment_type: str = attrs.field(metadata={"wire": "attachmentType"})
    identity_key: str = attrs.field(metadata={"wire": "identityKey"})
    payload: Any
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadAttachmentAddResponse:
    """The created or existing attachment."""

    attachment: ThreadAttachment
    outcome: ThreadAttachmentAddOutcome


@attrs.frozen(kw_only=True)
class ThreadAttachmentListParams:
    """Parameters for listing attachments from one thread."""

    cursor: str | None = None
    limit: int | None = None
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadAttachmentListResponse:
    """One page of attachments associated with the requested thread."""

    data: list[ThreadAttachment]
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class ThreadAttachmentOwner:
    """A thread that currently owns an attachment with the requested identity."""

    #: Whether the owning thread is archived, not whether it is currently executing a turn.
    archived: bool
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadAttachmentOwnerListParams:
    """Parameters for reverse lookup by attachment identity within this server's store."""

    #: Omitted or null returns all matches; false returns non-archived threads only.
    archived: bool | None = None
    attachment_type: str = attrs.field(metadata={"wire": "attachmentType"})
    cursor: str | None = None
    identity_key: str = attrs.field(metadata={"wire": "identityKey"})
    limit: int | None = None


@attrs.frozen(kw_only=True)
class ThreadAttachmentOwnerListResponse:
    """One page of matching owners, including threads without their own user messages."""

    data: list[ThreadAttachmentOwner]
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class ThreadAttachmentRemoveParams:
    """Parameters for deleting an attachment by its stable thread-local identity."""

    attachment_type: str = attrs.field(metadata={"wire": "attachmentType"})
    identity_key: str = attrs.field(metadata={"wire": "identityKey"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadAttachmentRemoveResponse:
    """Successful deletion does not return additional attachment data."""


@attrs.frozen(kw_only=True)
class ThreadAttachmentUpdatedNotification:
    """Notification published after a thread attachment is created or deleted."""

    attachment_id: str = attrs.field(metadata={"wire": "attachmentId"})
    attachment_type: str = attrs.field(metadata={"wire": "attachmentType"})
    identity_key: str = attrs.field(metadata={"wire": "identityKey"})
    operation: ThreadAttachmentOperation
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadBackgroundTerminal:
    command: str
    cpu_percent: float | None = attrs.field(default=None, metadata={"wire": "cpuPercent"})
    cwd: LegacyAppPathString
    item_id: str = attrs.field(metadata={"wire": "itemId"})
    os_pid: int | None = attrs.field(default=None, metadata={"wire": "osPid"})
    process_id: str = attrs.field(metadata={"wire": "processId"})
    rss_kb: int | None = attrs.field(default=None, metadata={"wire": "rssKb"})


@attrs.frozen(kw_only=True)
class ThreadBackgroundTerminalsCleanParams:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadBackgroundTerminalsCleanResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ThreadBackgroundTerminalsListParams:
    #: Opaque pagination cursor returned by a previous call.
    cursor: str | None = None
    #: Optional page size.
    limit: int | None = None
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadBackgroundTerminalsListResponse:
    data: list[ThreadBackgroundTerminal]
    #: Opaque cursor to pass to the next call to continue after the last item. If None, there are no
    #: more items to return.
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class ThreadBackgroundTerminalsTerminateParams:
    process_id: str = attrs.field(metadata={"wire": "processId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadBackgroundTerminalsTerminateResponse:
    terminated: bool


@attrs.frozen(kw_only=True)
class ThreadClosedNotification:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadCompactStartParams:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadCompactStartResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ThreadDecrementElicitationParams:
    """Parameters for `thread/decrement_elicitation`."""

    #: Thread whose out-of-band elicitation counter should be decremented.
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadDecrementElicitationResponse:
    """Response for `thread/decrement_elicitation`."""

    #: Current out-of-band elicitation count after the decrement.
    count: int
    #: Whether timeout accounting remains paused after applying the decrement.
    paused: bool


@attrs.frozen(kw_only=True)
class ThreadDeleteParams:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadDeleteResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ThreadDeletedNotification:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadEnvironment:
    """An environment selected by a loaded thread, independent of connection status."""

    cwd: LegacyAppPathString
    environment_id: str = attrs.field(metadata={"wire": "environmentId"})
    runtime_workspace_roots: list[LegacyAppPathString] = attrs.field(metadata={"wire": "runtimeWorkspaceRoots"})


@attrs.frozen(kw_only=True)
class ThreadForkParams:
    """There are two ways to fork a thread: 1. By thread_id: load the thread from disk by thread_id and fork
    it into a new thread. 2. By path: load the thread from disk by path and fork it into a new thread.
    """

    approval_policy: AskForApproval | None = attrs.field(default=None, metadata={"wire": "approvalPolicy"})
    #: Override where approval requests are routed for review on this thread and subsequent turns.
    approvals_reviewer: ApprovalsReviewer | None = attrs.field(default=None, metadata={"wire": "approvalsReviewer"})
    base_instructions: str | None = attrs.field(default=None, metadata={"wire": "baseInstructions"})
    #: Optional turn id to fork before, excluding that turn and all later turns. Cannot be combined
    #: with `last_turn_id`.
    before_turn_id: str | None = attrs.field(default=None, metadata={"wire": "beforeTurnId"})
    config: dict[str, Any] | None = None
    cwd: str | None = None
    #: When true, carry the source thread's current goal into the fork without starting its initial
    #: automatic continuation. The next explicit turn owns the goal lifecycle, and normal automatic...
    defer_goal_continuation: bool | None = attrs.field(default=None, metadata={"wire": "deferGoalContinuation"})
    developer_instructions: str | None = attrs.field(default=None, metadata={"wire": "developerInstructions"})
    ephemeral: bool | None = None
    #: When true, return only thread metadata and live fork state without populating `thread.turns`.
    #: This is useful when the client plans to call `thread/turns/list` immediately after forking....
    exclude_turns: bool | None = attrs.field(default=None, metadata={"wire": "excludeTurns"})
    #: Start from the loaded parent's effective config, tools, environments, and persisted history to
    #: maximize prompt-cache reuse. Requires a loaded, persisted parent and `ephemeral: true`.
    #: Enables...
    experimental_prediction_mode: bool | None = attrs.field(default=None, metadata={"wire": "experimentalPredictionMode"})
    #: Optional last turn id to fork through, inclusive.
    last_turn_id: str | None = attrs.field(default=None, metadata={"wire": "lastTurnId"})
    #: Configuration overrides for the forked thread, if any.
    model: str | None = None
    model_provider: str | None = attrs.field(default=None, metadata={"wire": "modelProvider"})
    #: [UNSTABLE] Specify the rollout path to fork from. If specified, the thread_id param will be
    #: ignored.
    path: str | None = None
    #: Named profile id for the forked thread. Cannot be combined with `sandbox`.
    permissions: str | None = None
    #: Replace the thread's runtime workspace roots. Paths must be absolute.
    runtime_workspace_roots: list[AbsolutePathBuf] | None = attrs.field(default=None, metadata={"wire": "runtimeWorkspaceRoots"})
    sandbox: SandboxMode | None = None
    service_tier: str | None = attrs.field(default=None, metadata={"wire": "serviceTier"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    #: Optional client-supplied analytics source classification for this forked thread.
    thread_source: ThreadSource | None = attrs.field(default=None, metadata={"wire": "threadSource"})


@attrs.frozen(kw_only=True)
class ThreadForkResponse:
    #: Named or implicit built-in profile that produced the active permissions, when known.
    active_permission_profile: ActivePermissionProfile | None = attrs.field(default=None, metadata={"wire": "activePermissionProfile"})
    approval_policy: AskForApproval = attrs.field(metadata={"wire": "approvalPolicy"})
    #: Reviewer currently used for approval requests on this thread.
    approvals_reviewer: ApprovalsReviewer = attrs.field(metadata={"wire": "approvalsReviewer"})
    cwd: AbsolutePathBuf
    #: Saved list of disabled plugin IDs. Does not yet filter plugin capabilities.
    disabled_plugin_ids: list[str] | None = attrs.field(default=None, metadata={"wire": "disabledPluginIds"})
    #: Environment-native paths to instruction source files currently loaded for this thread.
    instruction_sources: list[LegacyAppPathString] | None = attrs.field(default=None, metadata={"wire": "instructionSources"})
    model: str
    model_provider: str = attrs.field(metadata={"wire": "modelProvider"})
    #: @deprecated Always `explicitRequestOnly`. Use `reasoningEffort` for Ultra behavior.
    multi_agent_mode: MultiAgentMode | None = attrs.field(default=None, metadata={"wire": "multiAgentMode"})
    reasoning_effort: ReasoningEffort | None = attrs.field(default=None, metadata={"wire": "reasoningEffort"})
    #: Thread-scoped runtime workspace roots used to materialize `:workspace_roots`.
    runtime_workspace_roots: list[AbsolutePathBuf] | None = attrs.field(default=None, metadata={"wire": "runtimeWorkspaceRoots"})
    #: Legacy sandbox policy retained for compatibility. Experimental clients should prefer
    #: `activePermissionProfile` for profile provenance.
    sandbox: SandboxPolicy
    service_tier: str | None = attrs.field(default=None, metadata={"wire": "serviceTier"})
    thread: Thread


@attrs.frozen(kw_only=True)
class ThreadGoal:
    created_at: int = attrs.field(metadata={"wire": "createdAt"})
    objective: str
    status: ThreadGoalStatus
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    time_used_seconds: int = attrs.field(metadata={"wire": "timeUsedSeconds"})
    token_budget: int | None = attrs.field(default=None, metadata={"wire": "tokenBudget"})
    tokens_used: int = attrs.field(metadata={"wire": "tokensUsed"})
    updated_at: int = attrs.field(metadata={"wire": "updatedAt"})


@attrs.frozen(kw_only=True)
class ThreadGoalClearParams:
    #: Missing provenance does not supply user authorization.
    origin: ThreadGoalMutationOrigin | None = None
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadGoalClearResponse:
    cleared: bool


@attrs.frozen(kw_only=True)
class ThreadGoalClearedNotification:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadGoalGetParams:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadGoalGetResponse:
    goal: ThreadGoal | None = None


@attrs.frozen(kw_only=True)
class ThreadGoalSetParams:
    objective: str | None = None
    #: Missing provenance does not supply user authorization.
    origin: ThreadGoalMutationOrigin | None = None
    status: ThreadGoalStatus | None = None
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    token_budget: int | None = attrs.field(default=None, metadata={"wire": "tokenBudget"})


@attrs.frozen(kw_only=True)
class ThreadGoalSetResponse:
    goal: ThreadGoal


@attrs.frozen(kw_only=True)
class ThreadGoalUpdatedNotification:
    goal: ThreadGoal
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str | None = attrs.field(default=None, metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class ThreadIncrementElicitationParams:
    """Parameters for `thread/increment_elicitation`."""

    #: Thread whose out-of-band elicitation counter should be incremented.
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadIncrementElicitationResponse:
    """Response for `thread/increment_elicitation`."""

    #: Current out-of-band elicitation count after the increment.
    count: int
    #: Whether timeout accounting is paused after applying the increment.
    paused: bool


@attrs.frozen(kw_only=True)
class ThreadInjectItemsParams:
    #: Raw Responses API items to append to the thread's model-visible history.
    items: list[Any]
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadInjectItemsResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ThreadItemEntry:
    #: Unix timestamp (milliseconds) when the item completed, if recorded by the producer.
    completed_at_ms: int | None = attrs.field(default=None, metadata={"wire": "completedAtMs"})
    item: ThreadItem
    #: Unix timestamp (milliseconds) when the item started, if recorded by the producer.
    started_at_ms: int | None = attrs.field(default=None, metadata={"wire": "startedAtMs"})
    #: Turn containing this item.
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class ThreadItemsListParams:
    #: Opaque continuation cursor or an exclusive item anchor in the requested visible turn. An item
    #: anchor requires a non-empty `turnId`; ascending (the default) returns items after it, and
    #: descending...
    cursor: ThreadItemsListCursor | None = None
    #: Optional item page size.
    limit: int | None = None
    #: Optional item pagination direction; defaults to ascending.
    sort_direction: SortDirection | None = attrs.field(default=None, metadata={"wire": "sortDirection"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    #: Optional turn id to filter by. When omitted, returns items across the thread.
    turn_id: str | None = attrs.field(default=None, metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class ThreadItemsListResponse:
    #: Opaque cursor to pass as `cursor` when reversing `sortDirection`. This is only populated when
    #: the page contains at least one item.
    backwards_cursor: str | None = attrs.field(default=None, metadata={"wire": "backwardsCursor"})
    data: list[ThreadItemEntry]
    #: Opaque cursor to pass to the next call to continue after the last item. if None, there are no
    #: more items to return.
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class ThreadItemsReadParams:
    """EXPERIMENTAL - retrieve a bounded set of persisted items from one turn."""

    #: Item IDs to retrieve. Supply 1 to 100 IDs.
    item_ids: list[str] = attrs.field(metadata={"wire": "itemIds"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class ThreadItemsReadResponse:
    """EXPERIMENTAL - persisted items returned in canonical stored order."""

    data: list[ThreadItemEntry]


@attrs.frozen(kw_only=True)
class ThreadListParams:
    #: Optional ancestor thread filter. Returns spawned descendants at any depth, excluding the
    #: ancestor itself. Mutually exclusive with `parentThreadId`.
    ancestor_thread_id: str | None = attrs.field(default=None, metadata={"wire": "ancestorThreadId"})
    #: Optional archived filter; when set to true, only archived threads are returned. If false or
    #: null, only non-archived threads are returned.
    archived: bool | None = None
    #: Opaque pagination cursor returned by a previous call.
    cursor: str | None = None
    #: Optional cwd filter or filters; when set, only threads whose session cwd exactly matches one of
    #: these paths are returned.
    cwd: ThreadListCwdFilter | None = None
    #: Thread IDs to exclude before applying the result limit. Up to 100 entries; invalid IDs or a
    #: larger list are rejected, never truncated. Send the same exclusions on each page. Omitted,
    #: null, or...
    excluded_thread_ids: list[str] | None = attrs.field(default=None, metadata={"wire": "excludedThreadIds"})
    #: Optional page size; defaults to a reasonable server-side value.
    limit: int | None = None
    #: Optional provider filter; when set, only sessions recorded under these providers are returned.
    #: When present but empty, includes all providers.
    model_providers: list[str] | None = attrs.field(default=None, metadata={"wire": "modelProviders"})
    #: Optional originator allowlist, matching any supplied value exactly. Supported by hosted
    #: backends only; the local app-server rejects a nonempty list. Omitted or empty lists leave
    #: originators...
    originators: list[str] | None = None
    #: Optional direct parent thread filter. Mutually exclusive with `ancestorThreadId`.
    parent_thread_id: str | None = attrs.field(default=None, metadata={"wire": "parentThreadId"})
    #: Omit to include every project, set to null for unassigned threads, or provide a project ID to
    #: return only threads in that project.
    project_id: str | None = attrs.field(default=None, metadata={"wire": "projectId"})
    #: Optional substring filter for the extracted thread title.
    search_term: str | None = attrs.field(default=None, metadata={"wire": "searchTerm"})
    #: Omit to include every section, set to `null` for unsectioned threads, or provide a section ID
    #: to return only threads in that section.
    section_id: str | None = attrs.field(default=None, metadata={"wire": "sectionId"})
    #: Optional sort direction; defaults to descending (newest first).
    sort_direction: SortDirection | None = attrs.field(default=None, metadata={"wire": "sortDirection"})
    #: Optional sort key; defaults to created_at.
    sort_key: ThreadSortKey | None = attrs.field(default=None, metadata={"wire": "sortKey"})
    #: Optional source filter; when set, only sessions from these source kinds are returned. When
    #: omitted or empty, defaults to interactive sources.
    source_kinds: list[ThreadSourceKind] | None = attrs.field(default=None, metadata={"wire": "sourceKinds"})
    #: If true, return from the state DB without scanning JSONL rollouts to repair thread metadata.
    #: Omitted or false preserves scan-and-repair behavior.
    use_state_db_only: bool | None = attrs.field(default=None, metadata={"wire": "useStateDbOnly"})


@attrs.frozen(kw_only=True)
class ThreadListResponse:
    #: Opaque cursor to pass as `cursor` when reversing `sortDirection`. This is only populated when
    #: the page contains at least one thread. Use it with the opposite `sortDirection`; for timestamp
    #: sorts...
    backwards_cursor: str | None = attrs.field(default=None, metadata={"wire": "backwardsCursor"})
    data: list[Thread]
    #: Opaque cursor to pass to the next call to continue after the last item. if None, there are no
    #: more items to return.
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})
    #: Local receipts for eligible threads on this page, keyed by thread ID. Null means durable read
    #: state is unavailable; an absent key means that row is ineligible.
    read_states: dict[str, ThreadReadState] | None = attrs.field(default=None, metadata={"wire": "readStates"})


@attrs.frozen(kw_only=True)
class ThreadLoadedListParams:
    #: Opaque pagination cursor returned by a previous call.
    cursor: str | None = None
    #: Optional page size; defaults to no limit.
    limit: int | None = None


@attrs.frozen(kw_only=True)
class ThreadLoadedListResponse:
    #: Thread ids for sessions currently loaded in memory.
    data: list[str]
    #: Opaque cursor to pass to the next call to continue after the last item. if None, there are no
    #: more items to return.
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class ThreadMemoryModeSetParams:
    mode: ThreadMemoryMode
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadMemoryModeSetResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ThreadMetadataGitInfoUpdateParams:
    #: Omit to leave the stored branch unchanged, set to `null` to clear it, or provide a non-empty
    #: string to replace it.
    branch: str | None = None
    #: Omit to leave the stored origin URL unchanged, set to `null` to clear it, or provide a non-
    #: empty string to replace it.
    origin_url: str | None = attrs.field(default=None, metadata={"wire": "originUrl"})
    #: Omit to leave the stored commit unchanged, set to `null` to clear it, or provide a non-empty
    #: string to replace it.
    sha: str | None = None


@attrs.frozen(kw_only=True)
class ThreadMetadataUpdateParams:
    #: Save the client's Daybreak choice for this persistent thread. Omitted or null leaves it
    #: unchanged. This does not select a turn's `cyberAccessProgram` or grant access.
    daybreak_enabled: bool | None = attrs.field(default=None, metadata={"wire": "daybreakEnabled"})
    #: Patch the stored Git metadata for this thread. Omit a field to leave it unchanged, set it to
    #: `null` to clear it, or provide a string to replace the stored value.
    git_info: ThreadMetadataGitInfoUpdateParams | None = attrs.field(default=None, metadata={"wire": "gitInfo"})
    #: Omit to leave the project unchanged, use an empty string to clear it, or provide an existing
    #: project ID to assign it.
    project_id: str | None = attrs.field(default=None, metadata={"wire": "projectId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadMetadataUpdateResponse:
    thread: Thread


@attrs.frozen(kw_only=True)
class ThreadNameUpdatedNotification:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    thread_name: str | None = attrs.field(default=None, metadata={"wire": "threadName"})


@attrs.frozen(kw_only=True)
class ThreadPredictionRequestParams:
    source_turn_id: str = attrs.field(metadata={"wire": "sourceTurnId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadPredictionRequestResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ThreadPredictionUpdatedNotification:
    result: ThreadPredictionResult
    source_turn_id: str = attrs.field(metadata={"wire": "sourceTurnId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadProjectUpdatedNotification:
    project_id: str | None = attrs.field(metadata={"wire": "projectId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadQueueAddParams:
    client_user_message_id: str = attrs.field(metadata={"wire": "clientUserMessageId"})
    input: list[UserInput]
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadQueueAddResponse:
    queued_submission: QueuedSubmission = attrs.field(metadata={"wire": "queuedSubmission"})


@attrs.frozen(kw_only=True)
class ThreadQueueChangedNotification:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadQueueDeleteParams:
    queued_submission_id: str = attrs.field(metadata={"wire": "queuedSubmissionId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadQueueDeleteResponse:
    deleted: bool


@attrs.frozen(kw_only=True)
class ThreadQueueListParams:
    #: Opaque pagination cursor returned by a previous call.
    cursor: str | None = None
    #: Optional page size; defaults to the standard thread-list page size.
    limit: int | None = None
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadQueueListResponse:
    data: list[QueuedSubmission]
    #: Opaque cursor for the next page, or `null` when no submissions remain.
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class ThreadQueueReorderParams:
    queued_submission_ids: list[str] = attrs.field(metadata={"wire": "queuedSubmissionIds"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadQueueReorderResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ThreadQueueStartParams:
    queued_submission_id: str | None = attrs.field(default=None, metadata={"wire": "queuedSubmissionId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadQueueStartResponse:
    turn: Turn


@attrs.frozen(kw_only=True)
class ThreadQueueUpdateParams:
    input: list[UserInput]
    queued_submission_id: str = attrs.field(metadata={"wire": "queuedSubmissionId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadQueueUpdateResponse:
    queued_submission: QueuedSubmission = attrs.field(metadata={"wire": "queuedSubmission"})


@attrs.frozen(kw_only=True)
class ThreadReadParams:
    #: When true, include turns and their items from rollout history. Full-history hydration is
    #: deprecated for paginated threads; prefer a metadata-only read and page with `thread/turns/list`
    #: and...
    include_turns: bool | None = attrs.field(default=None, metadata={"wire": "includeTurns"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadReadResponse:
    #: Local receipt. Null means this thread's durable read state is unavailable.
    read_state: ThreadReadState | None = attrs.field(default=None, metadata={"wire": "readState"})
    thread: Thread


@attrs.frozen(kw_only=True)
class ThreadReadState:
    """The first unread position in a durable local thread. A null position means read. The opaque revision
    guards edits against activity or marks the caller has not seen.
    """

    first_unread: ThreadUnreadPosition | None = attrs.field(default=None, metadata={"wire": "firstUnread"})
    revision: str


@attrs.frozen(kw_only=True)
class ThreadReadStateChangedNotification:
    read_state: ThreadReadState = attrs.field(metadata={"wire": "readState"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadReadStateUpdateParams:
    #: Revision of the row or transcript actually seen. Conflicts require a fresh user action.
    expected_revision: str = attrs.field(metadata={"wire": "expectedRevision"})
    operation: ThreadReadStateOperation
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadReadStateUpdateResponse:
    read_state: ThreadReadState = attrs.field(metadata={"wire": "readState"})


@attrs.frozen(kw_only=True)
class ThreadRealtimeAppendAudioParams:
    """EXPERIMENTAL - append audio input to thread realtime."""

    audio: ThreadRealtimeAudioChunk
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadRealtimeAppendAudioResponse:
    """EXPERIMENTAL - response for appending realtime audio input."""


@attrs.frozen(kw_only=True)
class ThreadRealtimeAppendSpeechParams:
    """EXPERIMENTAL - append speakable text to thread realtime."""

    text: str
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadRealtimeAppendSpeechResponse:
    """EXPERIMENTAL - response for appending realtime speech."""


@attrs.frozen(kw_only=True)
class ThreadRealtimeAppendTextParams:
    """EXPERIMENTAL - append text input to thread realtime."""

    role: ConversationTextRole | None = None
    text: str
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadRealtimeAppendTextResponse:
    """EXPERIMENTAL - response for appending realtime text input."""


@attrs.frozen(kw_only=True)
class ThreadRealtimeAudioChunk:
    """EXPERIMENTAL - thread realtime audio chunk."""

    data: str
    item_id: str | None = attrs.field(default=None, metadata={"wire": "itemId"})
    num_channels: int = attrs.field(metadata={"wire": "numChannels"})
    sample_rate: int = attrs.field(metadata={"wire": "sampleRate"})
    samples_per_channel: int | None = attrs.field(default=None, metadata={"wire": "samplesPerChannel"})


@attrs.frozen(kw_only=True)
class ThreadRealtimeClosedNotification:
    """EXPERIMENTAL - emitted when thread realtime transport closes."""

    reason: str | None = None
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadRealtimeErrorNotification:
    """EXPERIMENTAL - emitted when thread realtime encounters an error."""

    message: str
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadRealtimeInitialItem:
    """EXPERIMENTAL - role-bearing text item included when a realtime V3 session starts."""

    role: ConversationTextRole
    text: str


@attrs.frozen(kw_only=True)
class ThreadRealtimeItemAddedNotification:
    """EXPERIMENTAL - raw non-audio thread realtime item emitted by the backend."""

    item: Any
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadRealtimeItemCompletedNotification:
    """EXPERIMENTAL - a realtime timeline item published after canonical commit."""

    item: ThreadRealtimeItem
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadRealtimeItemStartedNotification:
    """EXPERIMENTAL - a realtime timeline item started before its content streams."""

    item: ThreadRealtimeItem
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadRealtimeItemTranscriptDeltaNotification:
    """EXPERIMENTAL - text appended to an active realtime transcript item."""

    delta: str
    item_id: str = attrs.field(metadata={"wire": "itemId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadRealtimeListVoicesParams:
    """EXPERIMENTAL - list voices supported by thread realtime."""


@attrs.frozen(kw_only=True)
class ThreadRealtimeListVoicesResponse:
    """EXPERIMENTAL - response for listing supported realtime voices."""

    voices: RealtimeVoicesList


@attrs.frozen(kw_only=True)
class ThreadRealtimeOutputAudioDeltaNotification:
    """EXPERIMENTAL - streamed output audio emitted by thread realtime."""

    audio: ThreadRealtimeAudioChunk
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadRealtimeSdpNotification:
    """EXPERIMENTAL - emitted with the remote SDP for a WebRTC realtime session."""

    sdp: str
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadRealtimeStartParams:
    """EXPERIMENTAL - start a thread-scoped realtime session."""

    #: Relays public reasoning summaries as quiet context for realtime V3 delegations. Defaults to
    #: false.
    backend_reasoning_status: bool | None = attrs.field(default=None, metadata={"wire": "backendReasoningStatus"})
    #: Leaves Codex response handoffs to the client's explicit append calls instead of forwarding them
    #: automatically. Defaults to false.
    client_managed_handoffs: bool | None = attrs.field(default=None, metadata={"wire": "clientManagedHandoffs"})
    #: Overrides BEM channel prefixes by `analysis`, `commentary`, or `final`. Omitted channels retain
    #: their default uppercase bracketed prefixes.
    codex_response_handoff_channel_prefixes: dict[str, list[str]] | None = attrs.field(default=None, metadata={"wire": "codexResponseHandoffChannelPrefixes"})
    #: Selects how automatic Codex responses are routed in Frameless Bidi sessions. Omitted values
    #: default to `thinking`. Realtime V1 and V2 ignore this setting.
    codex_response_handoff_mode: CodexResponseHandoffMode | None = attrs.field(default=None, metadata={"wire": "codexResponseHandoffMode"})
    #: Optional prefix added to automatic Codex response items when `codexResponsesAsItems` is true.
    codex_response_item_prefix: str | None = attrs.field(default=None, metadata={"wire": "codexResponseItemPrefix"})
    #: Sends automatic Codex responses as realtime conversation items instead of handoff appends.
    codex_responses_as_items: bool | None = attrs.field(default=None, metadata={"wire": "codexResponsesAsItems"})
    #: Controls whether a realtime V3 delegation produces an acknowledgement filler. Omitted values
    #: preserve the Realtime API's default behavior.
    delegation_ack_filler: bool | None = attrs.field(default=None, metadata={"wire": "delegationAckFiller"})
    #: Routes any transcript tail remaining at session end through Codex. Defaults to false. TODO:
    #: Remove this rollout knob once transcript-tail flushing is always enabled.
    flush_transcript_tail_on_session_end: bool | None = attrs.field(default=None, metadata={"wire": "flushTranscriptTailOnSessionEnd"})
    #: Set to false to start without Codex's startup context. Omitted or null includes it.
    include_startup_context: bool | None = attrs.field(default=None, metadata={"wire": "includeStartupContext"})
    #: Adds complete role-bearing text items to the initial Frameless Bidi session history. This is
    #: only supported by realtime V3 and is sent during session startup. Requests are limited to 128
    #: items and...
    initial_items: list[ThreadRealtimeInitialItem] | None = attrs.field(default=None, metadata={"wire": "initialItems"})
    #: Overrides the configured realtime model for this session only.
    model: str | None = None
    #: Selects text or audio output for the realtime session. Transport and voice stay independent so
    #: clients can choose how they connect separately from what the model emits.
    output_modality: RealtimeOutputModality = attrs.field(metadata={"wire": "outputModality"})
    prompt: str | None = None
    #: Developer instructions given to the backing Codex model when this realtime session ends.
    realtime_end_instructions: str | None = attrs.field(default=None, metadata={"wire": "realtimeEndInstructions"})
    realtime_session_id: str | None = attrs.field(default=None, metadata={"wire": "realtimeSessionId"})
    #: Developer instructions given to the backing Codex model when this realtime session starts.
    realtime_start_instructions: str | None = attrs.field(default=None, metadata={"wire": "realtimeStartInstructions"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    transport: ThreadRealtimeStartTransport | None = None
    #: Overrides the configured realtime protocol version for this session only.
    version: RealtimeConversationVersion | None = None
    voice: RealtimeVoice | None = None


@attrs.frozen(kw_only=True)
class ThreadRealtimeStartResponse:
    """EXPERIMENTAL - response for starting thread realtime."""


@attrs.frozen(kw_only=True)
class ThreadRealtimeStartedNotification:
    """EXPERIMENTAL - emitted when thread realtime startup is accepted."""

    realtime_session_id: str | None = attrs.field(default=None, metadata={"wire": "realtimeSessionId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    version: RealtimeConversationVersion


@attrs.frozen(kw_only=True)
class ThreadRealtimeStopParams:
    """EXPERIMENTAL - stop thread realtime."""

    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadRealtimeStopResponse:
    """EXPERIMENTAL - response for stopping thread realtime."""


@attrs.frozen(kw_only=True)
class ThreadRealtimeTranscriptDeltaNotification:
    """EXPERIMENTAL - flat transcript delta emitted whenever realtime transcript text changes."""

    #: Live transcript delta from the realtime event.
    delta: str
    role: str
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadRealtimeTranscriptDoneNotification:
    """EXPERIMENTAL - final transcript text emitted when realtime completes a transcript part."""

    role: str
    #: Final complete text for the transcript part.
    text: str
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadResumeInitialTurnsPageParams:
    #: How much item detail to include for each returned turn; defaults to summary.
    items_view: TurnItemsView | None = attrs.field(default=None, metadata={"wire": "itemsView"})
    #: Optional turn page size.
    limit: int | None = None
    #: Optional turn pagination direction; defaults to descending.
    sort_direction: SortDirection | None = attrs.field(default=None, metadata={"wire": "sortDirection"})


@attrs.frozen(kw_only=True)
class ThreadResumeParams:
    """There are three ways to resume a thread: 1. By thread_id: load the thread from disk by thread_id and
    resume it. 2. By history: instantiate the thread from memory and resume it. 3. By path: load the
    thread from disk by path and resume it.
    """

    approval_policy: AskForApproval | None = attrs.field(default=None, metadata={"wire": "approvalPolicy"})
    #: Override where approval requests are routed for review on this thread and subsequent turns.
    approvals_reviewer: ApprovalsReviewer | None = attrs.field(default=None, metadata={"wire": "approvalsReviewer"})
    base_instructions: str | None = attrs.field(default=None, metadata={"wire": "baseInstructions"})
    config: dict[str, Any] | None = None
    cwd: str | None = None
    developer_instructions: str | None = attrs.field(default=None, metadata={"wire": "developerInstructions"})
    #: When true, return only thread metadata and live-resume state without populating `thread.turns`.
    #: This is useful when the client plans to call `thread/turns/list` immediately after resuming....
    exclude_turns: bool | None = attrs.field(default=None, metadata={"wire": "excludeTurns"})
    #: [UNSTABLE] FOR CODEX CLOUD - DO NOT USE. If specified, the thread will be resumed with the
    #: provided history instead of loaded from disk.
    history: list[ResponseItem] | None = None
    #: When present, include a `thread/turns/list` page in the resume response so clients can
    #: bootstrap recent turns without a second request.
    initial_turns_page: ThreadResumeInitialTurnsPageParams | None = attrs.field(default=None, metadata={"wire": "initialTurnsPage"})
    #: Configuration overrides for the resumed thread, if any.
    model: str | None = None
    model_provider: str | None = attrs.field(default=None, metadata={"wire": "modelProvider"})
    #: [UNSTABLE] Specify the rollout path to resume from. If specified for a non-running thread, the
    #: thread_id param will be ignored. If thread_id identifies a running thread, the path must match
    #: the...
    path: str | None = None
    #: Named profile id for the resumed thread. Cannot be combined with `sandbox`.
    permissions: str | None = None
    #: @deprecated `friendly` and `pragmatic` no longer select a style. Changing this does not rewrite
    #: the thread's existing instructions.
    personality: Personality | None = None
    #: Replace the thread's runtime workspace roots. Paths must be absolute.
    runtime_workspace_roots: list[AbsolutePathBuf] | None = attrs.field(default=None, metadata={"wire": "runtimeWorkspaceRoots"})
    sandbox: SandboxMode | None = None
    service_tier: str | None = attrs.field(default=None, metadata={"wire": "serviceTier"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadResumeResponse:
    #: Named or implicit built-in profile that produced the active permissions, when known.
    active_permission_profile: ActivePermissionProfile | None = attrs.field(default=None, metadata={"wire": "activePermissionProfile"})
    approval_policy: AskForApproval = attrs.field(metadata={"wire": "approvalPolicy"})
    #: Reviewer currently used for approval requests on this thread.
    approvals_reviewer: ApprovalsReviewer = attrs.field(metadata={"wire": "approvalsReviewer"})
    #: Effective collaboration mode. Absent when resuming from an older server.
    collaboration_mode: CollaborationMode | None = attrs.field(default=None, metadata={"wire": "collaborationMode"})
    cwd: AbsolutePathBuf
    #: Saved list of disabled plugin IDs. Does not yet filter plugin capabilities.
    disabled_plugin_ids: list[str] | None = attrs.field(default=None, metadata={"wire": "disabledPluginIds"})
    #: `thread/turns/list` page returned when requested by `initialTurnsPage`.
    initial_turns_page: TurnsPage | None = attrs.field(default=None, metadata={"wire": "initialTurnsPage"})
    #: Environment-native paths to instruction source files currently loaded for this thread.
    instruction_sources: list[LegacyAppPathString] | None = attrs.field(default=None, metadata={"wire": "instructionSources"})
    #: Opaque cursor for hydrating paginated items backwards.
    items_backwards_cursor: str | None = attrs.field(default=None, metadata={"wire": "itemsBackwardsCursor"})
    model: str
    model_provider: str = attrs.field(metadata={"wire": "modelProvider"})
    #: @deprecated Always `explicitRequestOnly`. Use `reasoningEffort` for Ultra behavior.
    multi_agent_mode: MultiAgentMode | None = attrs.field(default=None, metadata={"wire": "multiAgentMode"})
    reasoning_effort: ReasoningEffort | None = attrs.field(default=None, metadata={"wire": "reasoningEffort"})
    #: Thread-scoped runtime workspace roots used to materialize `:workspace_roots`.
    runtime_workspace_roots: list[AbsolutePathBuf] | None = attrs.field(default=None, metadata={"wire": "runtimeWorkspaceRoots"})
    #: Legacy sandbox policy retained for compatibility. Experimental clients should prefer
    #: `activePermissionProfile` for profile provenance.
    sandbox: SandboxPolicy
    service_tier: str | None = attrs.field(default=None, metadata={"wire": "serviceTier"})
    thread: Thread
    #: Opaque cursor for hydrating paginated turns backwards.
    turns_backwards_cursor: str | None = attrs.field(default=None, metadata={"wire": "turnsBackwardsCursor"})


@attrs.frozen(kw_only=True)
class ThreadRevertParams:
    """Replace a paginated thread's durable history with the prefix before one turn."""

    #: Turn excluded from the replacement history, together with every later turn.
    before_turn_id: str = attrs.field(metadata={"wire": "beforeTurnId"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadRevertResponse:
    #: Opaque cursor for hydrating paginated items backwards.
    items_backwards_cursor: str | None = attrs.field(default=None, metadata={"wire": "itemsBackwardsCursor"})
    #: Updated loaded thread metadata. `turns` is always empty; hydrate retained history through
    #: `thread/turns/list`.
    thread: Thread
    #: Opaque cursor for hydrating paginated turns backwards.
    turns_backwards_cursor: str | None = attrs.field(default=None, metadata={"wire": "turnsBackwardsCursor"})


@attrs.frozen(kw_only=True)
class ThreadRevertedNotification:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadSearchOccurrence:
    """One visible message occurrence returned by [`ThreadSearchOccurrencesResponse`]."""

    item_id: str = attrs.field(metadata={"wire": "itemId"})
    snippet: str
    #: Match range within `snippet`, in UTF-16 code units.
    snippet_match_range: ThreadSearchTextRange = attrs.field(metadata={"wire": "snippetMatchRange"})
    #: Opaque inclusive cursor accepted by `thread/turns/list` for this turn.
    turn_cursor: str = attrs.field(metadata={"wire": "turnCursor"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class ThreadSearchOccurrencesParams:
    """Parameters for searching visible message occurrences within one paginated thread."""

    #: Opaque cursor returned by a previous call for the same thread and search term.
    cursor: str | None = None
    #: Optional occurrence page size.
    limit: int | None = None
    #: Case-insensitive literal substring to find in visible user messages and both partial and final
    #: assistant answers.
    search_term: str = attrs.field(metadata={"wire": "searchTerm"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadSearchOccurrencesResponse:
    #: Occurrences in chronological message order.
    data: list[ThreadSearchOccurrence]
    #: Opaque cursor to continue after the last returned occurrence.
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class ThreadSearchParams:
    #: Optional archived filter; when set to true, only archived threads are returned. If false or
    #: null, only non-archived threads are returned.
    archived: bool | None = None
    #: Opaque pagination cursor returned by a previous call.
    cursor: str | None = None
    #: Optional page size; defaults to a reasonable server-side value.
    limit: int | None = None
    #: Required substring/full-text query for thread search.
    search_term: str = attrs.field(metadata={"wire": "searchTerm"})
    #: Optional sort direction; defaults to descending (newest first).
    sort_direction: SortDirection | None = attrs.field(default=None, metadata={"wire": "sortDirection"})
    #: Optional sort key; defaults to created_at.
    sort_key: ThreadSearchSortKey | None = attrs.field(default=None, metadata={"wire": "sortKey"})
    #: Optional source filter; when set, only sessions from these source kinds are returned. When
    #: omitted or empty, defaults to interactive sources.
    source_kinds: list[ThreadSourceKind] | None = attrs.field(default=None, metadata={"wire": "sourceKinds"})


@attrs.frozen(kw_only=True)
class ThreadSearchResponse:
    #: Opaque cursor to pass as `cursor` when reversing `sortDirection`. This is only populated when
    #: the page contains at least one thread. Use it with the opposite `sortDirection`; for timestamp
    #: sorts...
    backwards_cursor: str | None = attrs.field(default=None, metadata={"wire": "backwardsCursor"})
    data: list[ThreadSearchResult]
    #: Opaque cursor to pass to the next call to continue after the last item. if None, there are no
    #: more items to return.
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class ThreadSearchResult:
    snippet: str
    thread: Thread


@attrs.frozen(kw_only=True)
class ThreadSearchTextRange:
    """UTF-16 code-unit range within `snippet`."""

    #: Exclusive UTF-16 code-unit offset.
    end: int
    #: Inclusive UTF-16 code-unit offset.
    start: int


@attrs.frozen(kw_only=True)
class ThreadSection:
    """An independently persisted, user-visible thread section."""

    #: Optional appearance synchronized across clients.
    appearance: ThreadSectionAppearance | None = None
    #: Opaque UUIDv7 identity that remains stable when the section is renamed.
    id: str
    #: The current user-visible section name.
    name: str


@attrs.frozen(kw_only=True)
class ThreadSectionAppearance:
    """Extensible visual presentation for a custom thread section."""

    color: str | None = None
    icon: str | None = None


@attrs.frozen(kw_only=True)
class ThreadSectionCreateParams:
    """Parameters for creating an independently persisted thread section."""

    appearance: ThreadSectionAppearance | None = None
    #: The user-visible name of the section.
    name: str


@attrs.frozen(kw_only=True)
class ThreadSectionCreateResponse:
    """The independently persisted section created by the server."""

    section: ThreadSection


@attrs.frozen(kw_only=True)
class ThreadSectionDeleteParams:
    """Parameters for deleting an independently persisted thread section."""

    #: The stable, server-generated identity of the section to delete.
    section_id: str = attrs.field(metadata={"wire": "sectionId"})


@attrs.frozen(kw_only=True)
class ThreadSectionDeleteResponse:
    """Successful deletion does not return additional section data."""


@attrs.frozen(kw_only=True)
class ThreadSectionListParams:
    """Parameters for listing independently persisted thread sections."""

    #: Opaque pagination cursor returned by a previous call.
    cursor: str | None = None
    #: Maximum number of sections to return.
    limit: int | None = None


@attrs.frozen(kw_only=True)
class ThreadSectionListResponse:
    """One page of independently persisted thread sections."""

    data: list[ThreadSection]
    #: Opaque cursor for the next page, or `null` when no sections remain.
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class ThreadSectionMoveParams:
    """Parameters for moving a thread within a server-owned section ordering."""

    #: Existing thread to insert before; omission or null appends to the section.
    before_thread_id: str | None = attrs.field(default=None, metadata={"wire": "beforeThreadId"})
    #: Destination section, or `null` to remove the thread from its section.
    section_id: str | None = attrs.field(metadata={"wire": "sectionId"})
    #: Thread to move into, within, or out of a section.
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadSectionMoveResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ThreadSectionUpdateParams:
    """Parameters for updating an independently persisted thread section."""

    #: Omit to preserve appearance, use `null` to clear it, or provide a replacement.
    appearance: ThreadSectionAppearance | None = None
    #: The updated user-visible name of the section.
    name: str
    #: The stable, server-generated identity of the section to update.
    section_id: str = attrs.field(metadata={"wire": "sectionId"})


@attrs.frozen(kw_only=True)
class ThreadSectionUpdateResponse:
    """The independently persisted section after its name is updated."""

    section: ThreadSection


@attrs.frozen(kw_only=True)
class ThreadSetNameParams:
    name: str
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadSetNameResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ThreadSettings:
    active_permission_profile: ActivePermissionProfile | None = attrs.field(default=None, metadata={"wire": "activePermissionProfile"})
    approval_policy: AskForApproval = attrs.field(metadata={"wire": "approvalPolicy"})
    approvals_reviewer: ApprovalsReviewer = attrs.field(metadata={"wire": "approvalsReviewer"})
    collaboration_mode: CollaborationMode = attrs.field(metadata={"wire": "collaborationMode"})
    cwd: AbsolutePathBuf
    #: Saved list of disabled plugin IDs. Does not yet filter plugin capabilities.
    disabled_plugin_ids: list[str] | None = attrs.field(default=None, metadata={"wire": "disabledPluginIds"})
    effort: ReasoningEffort | None = None
    model: str
    model_provider: str = attrs.field(metadata={"wire": "modelProvider"})
    #: @deprecated Always `explicitRequestOnly`. Use `effort` for Ultra behavior.
    multi_agent_mode: MultiAgentMode | None = attrs.field(default=None, metadata={"wire": "multiAgentMode"})
    #: @deprecated Reports the saved setting; `friendly` and `pragmatic` no longer select a style.
    personality: Personality | None = None
    sandbox_policy: SandboxPolicy = attrs.field(metadata={"wire": "sandboxPolicy"})
    service_tier: str | None = attrs.field(default=None, metadata={"wire": "serviceTier"})
    summary: ReasoningSummary | None = None


@attrs.frozen(kw_only=True)
class ThreadSettingsUpdateParams:
    #: Override the approval policy for subsequent turns.
    approval_policy: AskForApproval | None = attrs.field(default=None, metadata={"wire": "approvalPolicy"})
    #: Override where approval requests are routed for subsequent turns.
    approvals_reviewer: ApprovalsReviewer | None = attrs.field(default=None, metadata={"wire": "approvalsReviewer"})
    #: EXPERIMENTAL - Set a pre-set collaboration mode for subsequent turns.
    collaboration_mode: CollaborationMode | None = attrs.field(default=None, metadata={"wire": "collaborationMode"})
    #: Override the working directory for subsequent turns.
    cwd: str | None = None
    #: Replace this thread's disabled plugin IDs. Omitted/null preserves the list; [] clears it.
    disabled_plugin_ids: list[str] | None = attrs.field(default=None, metadata={"wire": "disabledPluginIds"})
    #: Override the reasoning effort for subsequent turns.
    effort: ReasoningEffort | None = None
    #: Override the model for subsequent turns.
    model: str | None = None
    #: @deprecated Ignored. Use `effort: "ultra"` for proactive multi-agent behavior.
    multi_agent_mode: MultiAgentMode | None = attrs.field(default=None, metadata={"wire": "multiAgentMode"})
    #: Select a named permissions profile id for subsequent turns. Cannot be combined with
    #: `sandboxPolicy`.
    permissions: str | None = None
    #: @deprecated `friendly` and `pragmatic` no longer select a style. Changing this does not rewrite
    #: the thread's existing instructions.
    personality: Personality | None = None
    #: Override the sandbox policy for subsequent turns.
    sandbox_policy: SandboxPolicy | None = attrs.field(default=None, metadata={"wire": "sandboxPolicy"})
    #: Override the service tier for subsequent turns. `null` clears the current service tier;
    #: omission leaves it unchanged.
    service_tier: str | None = attrs.field(default=None, metadata={"wire": "serviceTier"})
    #: Override the reasoning summary for subsequent turns.
    summary: ReasoningSummary | None = None
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadSettingsUpdateResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ThreadSettingsUpdatedNotification:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    thread_settings: ThreadSettings = attrs.field(metadata={"wire": "threadSettings"})


@attrs.frozen(kw_only=True)
class ThreadShellCommandParams:
    #: Shell command string evaluated by the thread's configured shell. Unlike `command/exec`, this
    #: intentionally preserves shell syntax such as pipes, redirects, and quoting. This runs
    #: unsandboxed with...
    command: str
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    #: Maximum execution time in milliseconds. Defaults to one hour when omitted or null. Must be non-
    #: negative; zero requests an immediate timeout, not unlimited execution. Does not affect the
    #: immediate...
    timeout_ms: int | None = attrs.field(default=None, metadata={"wire": "timeoutMs"})


@attrs.frozen(kw_only=True)
class ThreadShellCommandResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class ThreadSpawnSubAgentSource:
    thread_spawn: ThreadSpawnSubAgentSourceBody


@attrs.frozen(kw_only=True)
class ThreadSpawnSubAgentSourceBody:
    agent_nickname: str | None = None
    agent_path: AgentPath | None = None
    agent_role: str | None = None
    depth: int
    parent_thread_id: ThreadId


@attrs.frozen(kw_only=True)
class ThreadStartParams:
    #: Allow a provider with an authoritative static model catalog to replace an unavailable requested
    #: model with its default.
    allow_provider_model_fallback: bool | None = attrs.field(default=None, metadata={"wire": "allowProviderModelFallback"})
    approval_policy: AskForApproval | None = attrs.field(default=None, metadata={"wire": "approvalPolicy"})
    #: Override where approval requests are routed for review on this thread and subsequent turns.
    approvals_reviewer: ApprovalsReviewer | None = attrs.field(default=None, metadata={"wire": "approvalsReviewer"})
    base_instructions: str | None = attrs.field(default=None, metadata={"wire": "baseInstructions"})
    config: dict[str, Any] | None = None
    cwd: str | None = None
    #: Initial Daybreak choice for this persistent thread. Omitted or null leaves it unset. This does
    #: not select a turn's `cyberAccessProgram` or grant access. Not supported for ephemeral threads.
    daybreak_enabled: bool | None = attrs.field(default=None, metadata={"wire": "daybreakEnabled"})
    developer_instructions: str | None = attrs.field(default=None, metadata={"wire": "developerInstructions"})
    dynamic_tools: list[DynamicToolSpec] | None = attrs.field(default=None, metadata={"wire": "dynamicTools"})
    #: Optional sticky environments for this thread.
    environments: list[TurnEnvironmentParams] | None = None
    ephemeral: bool | None = None
    #: If true, opt into emitting raw Responses API items on the event stream. This is for internal
    #: use only (e.g. Codex Cloud).
    experimental_raw_events: bool | None = attrs.field(default=None, metadata={"wire": "experimentalRawEvents"})
    #: Persisted thread history contract to use for this new thread.
    history_mode: ThreadHistoryMode | None = attrs.field(default=None, metadata={"wire": "historyMode"})
    #: Test-only experimental field used to validate experimental gating and schema filtering behavior
    #: in a stable way.
    mock_experimental_field: str | None = attrs.field(default=None, metadata={"wire": "mockExperimentalField"})
    model: str | None = None
    model_provider: str | None = attrs.field(default=None, metadata={"wire": "modelProvider"})
    #: @deprecated Ignored. Use Ultra reasoning effort for proactive multi-agent behavior.
    multi_agent_mode: MultiAgentMode | None = attrs.field(default=None, metadata={"wire": "multiAgentMode"})
    #: Named profile id for this thread. Cannot be combined with `sandbox`.
    permissions: str | None = None
    #: @deprecated `friendly` and `pragmatic` no longer select a style.
    personality: Personality | None = None
    #: Optional project identity for this new thread. Durable threads persist the assignment;
    #: ephemeral threads expose it only in live responses.
    project_id: str | None = attrs.field(default=None, metadata={"wire": "projectId"})
    #: Replace the thread's runtime workspace roots. Paths must be absolute.
    runtime_workspace_roots: list[AbsolutePathBuf] | None = attrs.field(default=None, metadata={"wire": "runtimeWorkspaceRoots"})
    sandbox: SandboxMode | None = None
    #: Capability roots selected for this thread by the hosting platform.
    selected_capability_roots: list[SelectedCapabilityRoot] | None = attrs.field(default=None, metadata={"wire": "selectedCapabilityRoots"})
    service_name: str | None = attrs.field(default=None, metadata={"wire": "serviceName"})
    service_tier: str | None = attrs.field(default=None, metadata={"wire": "serviceTier"})
    session_start_source: ThreadStartSource | None = attrs.field(default=None, metadata={"wire": "sessionStartSource"})
    #: Optional client-supplied analytics source classification for this thread.
    thread_source: ThreadSource | None = attrs.field(default=None, metadata={"wire": "threadSource"})


@attrs.frozen(kw_only=True)
class ThreadStartResponse:
    #: Named or implicit built-in profile that produced the active permissions, when known.
    active_permission_profile: ActivePermissionProfile | None = attrs.field(default=None, metadata={"wire": "activePermissionProfile"})
    approval_policy: AskForApproval = attrs.field(metadata={"wire": "approvalPolicy"})
    #: Reviewer currently used for approval requests on this thread.
    approvals_reviewer: ApprovalsReviewer = attrs.field(metadata={"wire": "approvalsReviewer"})
    cwd: AbsolutePathBuf
    #: Saved list of disabled plugin IDs. Does not yet filter plugin capabilities.
    disabled_plugin_ids: list[str] | None = attrs.field(default=None, metadata={"wire": "disabledPluginIds"})
    #: Environment-native paths to instruction source files currently loaded for this thread.
    instruction_sources: list[LegacyAppPathString] | None = attrs.field(default=None, metadata={"wire": "instructionSources"})
    model: str
    model_provider: str = attrs.field(metadata={"wire": "modelProvider"})
    #: @deprecated Always `explicitRequestOnly`. Use `reasoningEffort` for Ultra behavior.
    multi_agent_mode: MultiAgentMode | None = attrs.field(default=None, metadata={"wire": "multiAgentMode"})
    reasoning_effort: ReasoningEffort | None = attrs.field(default=None, metadata={"wire": "reasoningEffort"})
    #: Thread-scoped runtime workspace roots used to materialize `:workspace_roots`.
    runtime_workspace_roots: list[AbsolutePathBuf] | None = attrs.field(default=None, metadata={"wire": "runtimeWorkspaceRoots"})
    #: Legacy sandbox policy retained for compatibility. Experimental clients should prefer
    #: `activePermissionProfile` for profile provenance.
    sandbox: SandboxPolicy
    service_tier: str | None = attrs.field(default=None, metadata={"wire": "serviceTier"})
    thread: Thread


@attrs.frozen(kw_only=True)
class ThreadStartThreadUnreadPosition:
    """Explicitly marked unread, including when the thread has no turns."""

    type: Literal["threadStart"] = attrs.field(default="threadStart", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ThreadStartedNotification:
    thread: Thread


@attrs.frozen(kw_only=True)
class ThreadStatusChangedNotification:
    status: ThreadStatus
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadTimelineListParams:
    """EXPERIMENTAL - list ordinary and realtime thread history in rollout order."""

    cursor: str | None = None
    limit: int | None = None
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadTimelineListResponse:
    """EXPERIMENTAL - a bounded timeline page with its resolved opening voice state."""

    active_realtime_session_at_page_start: str | None = attrs.field(default=None, metadata={"wire": "activeRealtimeSessionAtPageStart"})
    data: list[ThreadTimelineEntry]
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class ThreadTokenUsage:
    last: TokenUsageBreakdown
    model_context_window: int | None = attrs.field(default=None, metadata={"wire": "modelContextWindow"})
    total: TokenUsageBreakdown


@attrs.frozen(kw_only=True)
class ThreadTokenUsageUpdatedNotification:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    token_usage: ThreadTokenUsage = attrs.field(metadata={"wire": "tokenUsage"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class ThreadTurnsListParams:
    #: Opaque cursor to pass to the next call to continue after the last turn.
    cursor: str | None = None
    #: How much item detail to include for each returned turn; defaults to summary.
    items_view: TurnItemsView | None = attrs.field(default=None, metadata={"wire": "itemsView"})
    #: Optional turn page size.
    limit: int | None = None
    #: Optional turn pagination direction; defaults to descending.
    sort_direction: SortDirection | None = attrs.field(default=None, metadata={"wire": "sortDirection"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadTurnsListResponse:
    #: Opaque cursor to pass as `cursor` when reversing `sortDirection`. This is only populated when
    #: the page contains at least one turn. Use it with the opposite `sortDirection` to include the
    #: anchor...
    backwards_cursor: str | None = attrs.field(default=None, metadata={"wire": "backwardsCursor"})
    data: list[Turn]
    #: Opaque cursor to pass to the next call to continue after the last turn. if None, there are no
    #: more turns to return.
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class ThreadUnarchiveParams:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadUnarchiveResponse:
    thread: Thread


@attrs.frozen(kw_only=True)
class ThreadUnarchivedNotification:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadUnsubscribeParams:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadUnsubscribeResponse:
    status: ThreadUnsubscribeStatus


@attrs.frozen(kw_only=True)
class ThreadUsage:
    estimated_usage_credits_micros: int = attrs.field(metadata={"wire": "estimatedUsageCreditsMicros"})
    estimated_usage_usd_micros: int | None = attrs.field(default=None, metadata={"wire": "estimatedUsageUsdMicros"})
    groups: list[ThreadUsageBreakdownGroup]
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class ThreadUsageBreakdownGroup:
    cached_input_tokens: int | None = attrs.field(default=None, metadata={"wire": "cachedInputTokens"})
    estimated_usage_credits_micros: int = attrs.field(metadata={"wire": "estimatedUsageCreditsMicros"})
    input_tokens: int | None = attrs.field(default=None, metadata={"wire": "inputTokens"})
    model: str | None = None
    net_new_input_tokens: int | None = attrs.field(default=None, metadata={"wire": "netNewInputTokens"})
    output_tokens: int | None = attrs.field(default=None, metadata={"wire": "outputTokens"})
    reasoning_effort: str | None = attrs.field(default=None, metadata={"wire": "reasoningEffort"})
    speed: str | None = None
    total_tokens: int | None = attrs.field(default=None, metadata={"wire": "totalTokens"})


@attrs.frozen(kw_only=True)
class TmpdirFileSystemSpecialPath:
    kind: Literal["tmpdir"] = attrs.field(default="tmpdir", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class TokenUsageBreakdown:
    cache_write_input_tokens: int | None = attrs.field(default=None, metadata={"wire": "cacheWriteInputTokens"})
    cached_input_tokens: int = attrs.field(metadata={"wire": "cachedInputTokens"})
    input_tokens: int = attrs.field(metadata={"wire": "inputTokens"})
    output_tokens: int = attrs.field(metadata={"wire": "outputTokens"})
    reasoning_output_tokens: int = attrs.field(metadata={"wire": "reasoningOutputTokens"})
    total_tokens: int = attrs.field(metadata={"wire": "totalTokens"})


@attrs.frozen(kw_only=True)
class Tool:
    """Definition for a tool the client can call."""

    meta: Any = attrs.field(default=None, metadata={"wire": "_meta"})
    annotations: Any = None
    description: str | None = None
    icons: list[Any] | None = None
    input_schema: Any = attrs.field(metadata={"wire": "inputSchema"})
    name: str
    output_schema: Any = attrs.field(default=None, metadata={"wire": "outputSchema"})
    title: str | None = None


@attrs.frozen(kw_only=True)
class ToolRequestUserInputAnswer:
    """EXPERIMENTAL. Captures a user's answer to a request_user_input question."""

    answers: list[str]


@attrs.frozen(kw_only=True)
class ToolRequestUserInputOption:
    """EXPERIMENTAL. Defines a single selectable option for request_user_input."""

    description: str
    label: str


@attrs.frozen(kw_only=True)
class ToolRequestUserInputParams:
    """EXPERIMENTAL. Params sent with a request_user_input event."""

    #: @deprecated Use `isBlocking` to decide whether the request should block.
    auto_resolution_ms: int | None = attrs.field(default=None, metadata={"wire": "autoResolutionMs"})
    is_blocking: bool = attrs.field(metadata={"wire": "isBlocking"})
    item_id: str = attrs.field(metadata={"wire": "itemId"})
    questions: list[ToolRequestUserInputQuestion]
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class ToolRequestUserInputQuestion:
    """EXPERIMENTAL. Represents one request_user_input question and its required options."""

    header: str
    id: str
    is_other: bool | None = attrs.field(default=None, metadata={"wire": "isOther"})
    is_secret: bool | None = attrs.field(default=None, metadata={"wire": "isSecret"})
    options: list[ToolRequestUserInputOption] | None = None
    question: str


@attrs.frozen(kw_only=True)
class ToolRequestUserInputResponse:
    """EXPERIMENTAL. Response payload mapping question ids to answers."""

    answers: dict[str, ToolRequestUserInputAnswer]


@attrs.frozen(kw_only=True)
class ToolSearchCallResponseItem:
    arguments: Any
    call_id: str | None = None
    encrypted_content: str | None = None
    execution: str
    id: str | None = None
    internal_chat_message_metadata_passthrough: InternalChatMessageMetadataPassthrough | None = None
    status: str | None = None
    type: Literal["tool_search_call"] = attrs.field(default="tool_search_call", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ToolSearchOutputResponseItem:
    call_id: str | None = None
    execution: str
    id: str | None = None
    internal_chat_message_metadata_passthrough: InternalChatMessageMetadataPassthrough | None = None
    status: str
    tools: list[Any]
    type: Literal["tool_search_output"] = attrs.field(default="tool_search_output", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class ToolsV2:
    web_search: WebSearchToolConfig | None = None


@attrs.frozen(kw_only=True)
class TranscriptSegmentThreadRealtimeItem:
    """EXPERIMENTAL - a thread-scoped realtime item in the canonical timeline."""

    id: str
    realtime_session_id: str = attrs.field(metadata={"wire": "realtimeSessionId"})
    role: ThreadRealtimeTranscriptRole
    text: str
    type: Literal["transcriptSegment"] = attrs.field(default="transcriptSegment", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class Turn:
    #: Unix timestamp (in seconds) when the turn completed.
    completed_at: int | None = attrs.field(default=None, metadata={"wire": "completedAt"})
    #: Duration between turn start and completion in milliseconds, if known.
    duration_ms: int | None = attrs.field(default=None, metadata={"wire": "durationMs"})
    #: Error associated with a failed or interrupted turn.
    error: TurnError | None = None
    #: Identifier for this turn. Codex-generated turn IDs are UUIDv7.
    id: str
    #: Thread items currently included in this turn payload.
    items: list[ThreadItem]
    #: Describes how much of `items` has been loaded for this turn.
    items_view: TurnItemsView | None = attrs.field(default=None, metadata={"wire": "itemsView"})
    #: ID of the first turn in the chain of work that led to this turn. Pass this as `rootTurnId` when
    #: starting work on behalf of this turn. May be null in older history or a `review/start`
    #: response.
    root_turn_id: str | None = attrs.field(default=None, metadata={"wire": "rootTurnId"})
    #: Unix timestamp (in seconds) when the turn started.
    started_at: int | None = attrs.field(default=None, metadata={"wire": "startedAt"})
    status: TurnStatus


@attrs.frozen(kw_only=True)
class TurnCompletedNotification:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn: Turn


@attrs.frozen(kw_only=True)
class TurnCompletedThreadTimelineEntry:
    completed_at: int | None = None
    duration_ms: int | None = None
    error: TurnError | None = None
    position: int
    started_at: int | None = None
    status: TurnStatus
    turn_id: str
    type: Literal["turnCompleted"] = attrs.field(default="turnCompleted", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class TurnDiffUpdatedNotification:
    """Notification that the turn-level unified diff has changed. Contains the latest aggregated diff across
    all file changes in the turn.
    """

    diff: str
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class TurnEnvironmentParams:
    cwd: LegacyAppPathString
    environment_id: str = attrs.field(metadata={"wire": "environmentId"})
    #: Environment-native runtime workspace roots. Omitted defaults to `cwd`.
    runtime_workspace_roots: list[LegacyAppPathString] | None = attrs.field(default=None, metadata={"wire": "runtimeWorkspaceRoots"})


@attrs.frozen(kw_only=True)
class TurnError:
    additional_details: str | None = attrs.field(default=None, metadata={"wire": "additionalDetails"})
    codex_error_info: CodexErrorInfo | None = attrs.field(default=None, metadata={"wire": "codexErrorInfo"})
    message: str
    #: Optional public explanation and continuation instruction for a misalignment block.
    misalignment: MisalignmentErrorDetails | None = None


@attrs.frozen(kw_only=True)
class TurnInterruptParams:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class TurnInterruptResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class TurnModerationMetadataNotification:
    metadata: Any
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class TurnPlanStep:
    status: TurnPlanStepStatus
    step: str


@attrs.frozen(kw_only=True)
class TurnPlanUpdatedNotification:
    explanation: str | None = None
    plan: list[TurnPlanStep]
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class TurnSettingsUpdateParams:
    """Experimental settings changes for one running turn, not future turns. Unsupported fields are rejected
    rather than silently ignored. Any live task kind may accept publication. Child sessions and consumers
    of frozen initial settings are unchanged.
    """

    #: Changes the active turn's reviewer without changing future thread settings. Already captured
    #: steps and pending approvals retain their original reviewer.
    approvals_reviewer: ApprovalsReviewer | None = attrs.field(default=None, metadata={"wire": "approvalsReviewer"})
    #: Omission or `null` leaves the effort unchanged.
    effort: ReasoningEffort | None = None
    #: Omission or `null` leaves the model unchanged.
    model: str | None = None
    #: `null` clears the requested tier; omission leaves it unchanged.
    service_tier: str | None = attrs.field(default=None, metadata={"wire": "serviceTier"})
    #: Omission or `null` leaves the summary preference unchanged.
    summary: ReasoningSummary | None = None
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class TurnSettingsUpdateResponse:
    status: TurnSettingsUpdateStatus


@attrs.frozen(kw_only=True)
class TurnStartParams:
    #: Optional client-provided context fragments keyed by an opaque source identifier.
    additional_context: dict[str, AdditionalContextEntry] | None = attrs.field(default=None, metadata={"wire": "additionalContext"})
    #: Override the approval policy for this turn and subsequent turns.
    approval_policy: AskForApproval | None = attrs.field(default=None, metadata={"wire": "approvalPolicy"})
    #: Override where approval requests are routed for review on this turn and subsequent turns.
    approvals_reviewer: ApprovalsReviewer | None = attrs.field(default=None, metadata={"wire": "approvalsReviewer"})
    client_user_message_id: str | None = attrs.field(default=None, metadata={"wire": "clientUserMessageId"})
    #: EXPERIMENTAL - Set a pre-set collaboration mode. Takes precedence over model, reasoning_effort,
    #: and developer instructions if set.
    collaboration_mode: CollaborationMode | None = attrs.field(default=None, metadata={"wire": "collaborationMode"})
    #: Override the working directory for this turn and subsequent turns.
    cwd: str | None = None
    #: EXPERIMENTAL - Request an authorized cyber program for this turn. Omission preserves automatic
    #: behavior. This does not grant access.
    cyber_access_program: CyberAccessProgram | None = attrs.field(default=None, metadata={"wire": "cyberAccessProgram"})
    #: Replace this thread's disabled plugin IDs. Omitted/null preserves the list; [] clears it.
    disabled_plugin_ids: list[str] | None = attrs.field(default=None, metadata={"wire": "disabledPluginIds"})
    #: Override the reasoning effort for this turn and subsequent turns.
    effort: ReasoningEffort | None = None
    #: Optional environments for this turn and subsequent turns.
    environments: list[TurnEnvironmentParams] | None = None
    input: list[UserInput]
    #: Override the model for this turn and subsequent turns.
    model: str | None = None
    #: @deprecated Ignored. Use `effort: "ultra"` for proactive multi-agent behavior.
    multi_agent_mode: MultiAgentMode | None = attrs.field(default=None, metadata={"wire": "multiAgentMode"})
    #: Optional JSON Schema used to constrain the final assistant message for this turn.
    output_schema: Any = attrs.field(default=None, metadata={"wire": "outputSchema"})
    #: ID of the turn that caused this new turn to start.
    parent_turn_id: str | None = attrs.field(default=None, metadata={"wire": "parentTurnId"})
    #: Select a named permissions profile id for this turn and subsequent turns. Cannot be combined
    #: with `sandboxPolicy`.
    permissions: str | None = None
    #: @deprecated `friendly` and `pragmatic` no longer select a style. Changing this does not rewrite
    #: the thread's existing instructions.
    personality: Personality | None = None
    #: Optional metadata to enrich Codex's ResponsesAPI turn metadata.
    responsesapi_client_metadata: dict[str, str] | None = attrs.field(default=None, metadata={"wire": "responsesapiClientMetadata"})
    #: ID of the first turn in the chain of work that led to this new turn.
    root_turn_id: str | None = attrs.field(default=None, metadata={"wire": "rootTurnId"})
    #: Replace the thread's runtime workspace roots for this turn and subsequent turns. Paths must be
    #: absolute.
    runtime_workspace_roots: list[AbsolutePathBuf] | None = attrs.field(default=None, metadata={"wire": "runtimeWorkspaceRoots"})
    #: Override the sandbox policy for this turn and subsequent turns.
    sandbox_policy: SandboxPolicy | None = attrs.field(default=None, metadata={"wire": "sandboxPolicy"})
    #: Override the service tier for this turn and subsequent turns.
    service_tier: str | None = attrs.field(default=None, metadata={"wire": "serviceTier"})
    #: Override the service tier only when this request starts a new turn. Use "default" for standard
    #: speed. Omitted or null inherits the thread's tier. Does not change the thread's tier or a turn
    #: being...
    service_tier_for_turn: str | None = attrs.field(default=None, metadata={"wire": "serviceTierForTurn"})
    #: Override the reasoning summary for this turn and subsequent turns.
    summary: ReasoningSummary | None = None
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    tool_output: TurnToolOutput | None = attrs.field(default=None, metadata={"wire": "toolOutput"})
    #: Optional source classification for the caller that starts this turn. Ignored when this request
    #: steers an already-active turn.
    turn_trigger: str | None = attrs.field(default=None, metadata={"wire": "turnTrigger"})


@attrs.frozen(kw_only=True)
class TurnStartResponse:
    turn: Turn


@attrs.frozen(kw_only=True)
class TurnStartedNotification:
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    turn: Turn


@attrs.frozen(kw_only=True)
class TurnStartedThreadTimelineEntry:
    position: int
    started_at: int | None = None
    turn_id: str
    type: Literal["turnStarted"] = attrs.field(default="turnStarted", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class TurnSteerParams:
    #: Optional client-provided context fragments keyed by an opaque source identifier.
    additional_context: dict[str, AdditionalContextEntry] | None = attrs.field(default=None, metadata={"wire": "additionalContext"})
    client_user_message_id: str | None = attrs.field(default=None, metadata={"wire": "clientUserMessageId"})
    #: Required active turn id precondition. The request fails when it does not match the currently
    #: active turn.
    expected_turn_id: str = attrs.field(metadata={"wire": "expectedTurnId"})
    input: list[UserInput]
    #: Optional metadata to enrich Codex's ResponsesAPI turn metadata.
    responsesapi_client_metadata: dict[str, str] | None = attrs.field(default=None, metadata={"wire": "responsesapiClientMetadata"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class TurnSteerResponse:
    turn_id: str = attrs.field(metadata={"wire": "turnId"})


@attrs.frozen(kw_only=True)
class TurnThreadUnreadPosition:
    """The earliest completed result needing attention."""

    turn_id: str = attrs.field(metadata={"wire": "turnId"})
    type: Literal["turn"] = attrs.field(default="turn", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class TurnToolOutput:
    name: str
    namespace: str | None = None
    output: FunctionCallOutputBody
    #: Requests retention of this output in the thread's model history.
    retain: bool | None = None


@attrs.frozen(kw_only=True)
class TurnsPage:
    backwards_cursor: str | None = attrs.field(default=None, metadata={"wire": "backwardsCursor"})
    data: list[Turn]
    next_cursor: str | None = attrs.field(default=None, metadata={"wire": "nextCursor"})


@attrs.frozen(kw_only=True)
class UnavailableUserVerificationErrorDetails:
    reason: UserVerificationUnavailableReason
    type: Literal["unavailable"] = attrs.field(default="unavailable", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class UncommittedChangesReviewTarget:
    """Review the working tree: staged, unstaged, and untracked files."""

    type: Literal["uncommittedChanges"] = attrs.field(default="uncommittedChanges", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class UnknownCommandAction:
    command: str
    type: Literal["unknown"] = attrs.field(default="unknown", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class UnknownFileSystemSpecialPath:
    kind: Literal["unknown"] = attrs.field(default="unknown", metadata={"tag": True})
    path: str
    subpath: LegacyAppPathString | None = None


@attrs.frozen(kw_only=True)
class UnknownParsedCommand:
    cmd: str
    type: Literal["unknown"] = attrs.field(default="unknown", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class UnreadThreadReadStateOperation:
    type: Literal["unread"] = attrs.field(default="unread", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class UpdateFileChange:
    move_path: str | None = None
    type: Literal["update"] = attrs.field(default="update", metadata={"tag": True})
    unified_diff: str


@attrs.frozen(kw_only=True)
class UpdatePatchChangeKind:
    move_path: str | None = None
    type: Literal["update"] = attrs.field(default="update", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class UrlMcpServerElicitationRequestParams:
    meta: Any = attrs.field(default=None, metadata={"wire": "_meta"})
    elicitation_id: str = attrs.field(metadata={"wire": "elicitationId"})
    message: str
    mode: Literal["url"] = attrs.field(default="url", metadata={"tag": True})
    server_name: str = attrs.field(metadata={"wire": "serverName"})
    thread_id: str = attrs.field(metadata={"wire": "threadId"})
    #: Active Codex turn when this elicitation was observed, if app-server could correlate one.
    turn_id: str | None = attrs.field(default=None, metadata={"wire": "turnId"})
    url: str


@attrs.frozen(kw_only=True)
class UsageLimitExceededImageGenerationFailure:
    limit_id: str = attrs.field(metadata={"wire": "limitId"})
    resets_at: int | None = attrs.field(default=None, metadata={"wire": "resetsAt"})
    type: Literal["usageLimitExceeded"] = attrs.field(default="usageLimitExceeded", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class UserConfigLayerSource:
    """User config layer from $CODEX_HOME/config.toml. This layer is special in that it is expected to be: -
    writable by the user - generally outside the workspace directory
    """

    #: This is the path to the user's config.toml file, though it is not guaranteed to exist.
    file: AbsolutePathBuf
    #: Name of the selected profile-v2 config layered on top of the base user config, when this layer
    #: represents one.
    profile: str | None = None
    type: Literal["user"] = attrs.field(default="user", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class UserMessageThreadItem:
    client_id: str | None = attrs.field(default=None, metadata={"wire": "clientId"})
    content: list[UserInput]
    id: str
    type: Literal["userMessage"] = attrs.field(default="userMessage", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class UserVerificationCancelParams:
    """Cancels a native verification RPC issued on this connection, not an elicitation. Use a fresh request
    ID for each operation and a distinct ID for this cancellation RPC.
    """

    request_id: RequestId = attrs.field(metadata={"wire": "requestId"})


@attrs.frozen(kw_only=True)
class UserVerificationCancelResponse:
    """Acknowledges the cancellation signal; native work may still be finishing. Unknown or finished requests
    are a no-op, and completed effects are not rolled back.
    """


@attrs.frozen(kw_only=True)
class UserVerificationDeleteParams:
    """An empty object."""


@attrs.frozen(kw_only=True)
class UserVerificationDeleteResponse:
    """An empty object."""


@attrs.frozen(kw_only=True)
class UserVerificationEnrollParams:
    """An empty object."""


@attrs.frozen(kw_only=True)
class UserVerificationEnrollResponse:
    """Public metadata for a created or reused local credential. The caller completes backend registration;
    this response does not establish server enrollment. Older app-servers omit the metadata fields;
    callers must check both before registration.
    """

    algorithm: str | None = None
    credential_id: str = attrs.field(metadata={"wire": "credentialId"})
    #: Unpadded base64url of the SubjectPublicKeyInfo DER encoding.
    public_key: str | None = attrs.field(default=None, metadata={"wire": "publicKey"})


@attrs.frozen(kw_only=True)
class UserVerificationProof:
    """A signature over the exact decoded challenge. The verifier validates and consumes it."""

    credential_id: str = attrs.field(metadata={"wire": "credentialId"})
    #: Unpadded base64url DER ECDSA signature using P-256 and SHA-256.
    signature: str


@attrs.frozen(kw_only=True)
class UserVerificationRpcError:
    """The error object inside the normal JSON-RPC envelope."""

    code: int
    data: UserVerificationErrorDetails
    message: str


@attrs.frozen(kw_only=True)
class UserVerificationStatusParams:
    """An empty object."""


@attrs.frozen(kw_only=True)
class UserVerificationStatusResponse:
    """Local readiness only; this neither prompts nor queries server registration."""

    credential_id: str | None = attrs.field(default=None, metadata={"wire": "credentialId"})
    unavailable_message: str | None = attrs.field(default=None, metadata={"wire": "unavailableMessage"})
    unavailable_reason: UserVerificationUnavailableReason | None = attrs.field(default=None, metadata={"wire": "unavailableReason"})


@attrs.frozen(kw_only=True)
class UserVerificationVerifyParams:
    """Local signing primitive, independent of any pending elicitation."""

    #: Unpadded base64url encoding of 1–4096 challenge bytes.
    challenge: str
    #: Additional display context; at most 4096 UTF-8 bytes.
    description: str
    #: Display context already approved by the UI; 1–256 UTF-8 bytes.
    title: str


@attrs.frozen(kw_only=True)
class UserVerificationVerifyResponse:
    proof: UserVerificationProof


@attrs.frozen(kw_only=True)
class W3cTraceContext:
    traceparent: str | None = None
    tracestate: str | None = None


@attrs.frozen(kw_only=True)
class WarningNotification:
    #: Concise warning message for the user.
    message: str
    #: Optional thread target when the warning applies to a specific thread.
    thread_id: str | None = attrs.field(default=None, metadata={"wire": "threadId"})


@attrs.frozen(kw_only=True)
class WebSearchCallResponseItem:
    action: ResponsesApiWebSearchAction | None = None
    encrypted_content: str | None = None
    id: str | None = None
    internal_chat_message_metadata_passthrough: InternalChatMessageMetadataPassthrough | None = None
    status: str | None = None
    type: Literal["web_search_call"] = attrs.field(default="web_search_call", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class WebSearchLocation:
    city: str | None = None
    country: str | None = None
    region: str | None = None
    timezone: str | None = None


@attrs.frozen(kw_only=True)
class WebSearchThreadItem:
    action: WebSearchAction | None = None
    id: str
    query: str
    #: Structured search results returned out-of-band by standalone web search.
    results: list[Any] | None = None
    type: Literal["webSearch"] = attrs.field(default="webSearch", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class WebSearchToolConfig:
    allowed_domains: list[str] | None = None
    context_size: WebSearchContextSize | None = None
    location: WebSearchLocation | None = None


@attrs.frozen(kw_only=True)
class WebrtcThreadRealtimeStartTransport:
    #: SDP offer generated by a WebRTC RTCPeerConnection after configuring audio and the realtime
    #: events data channel.
    sdp: str
    type: Literal["webrtc"] = attrs.field(default="webrtc", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class WebsocketThreadRealtimeStartTransport:
    type: Literal["websocket"] = attrs.field(default="websocket", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class WeekdaysScheduledTaskSchedule:
    time: str
    type: Literal["weekdays"] = attrs.field(default="weekdays", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class WeeklyScheduledTaskSchedule:
    days: list[ScheduledTaskWeekday]
    time: str
    type: Literal["weekly"] = attrs.field(default="weekly", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class WholeItemThreadRealtimeBemItemPresentation:
    type: Literal["wholeItem"] = attrs.field(default="wholeItem", metadata={"tag": True})


@attrs.frozen(kw_only=True)
class WindowsSandboxReadinessResponse:
    status: WindowsSandboxReadiness


@attrs.frozen(kw_only=True)
class WindowsSandboxSetupCompletedNotification:
    error: str | None = None
    mode: WindowsSandboxSetupMode
    success: bool


@attrs.frozen(kw_only=True)
class WindowsSandboxSetupStartParams:
    cwd: AbsolutePathBuf | None = None
    mode: WindowsSandboxSetupMode


@attrs.frozen(kw_only=True)
class WindowsSandboxSetupStartResponse:
    started: bool


@attrs.frozen(kw_only=True)
class WindowsWorldWritableWarningNotification:
    extra_count: int = attrs.field(metadata={"wire": "extraCount"})
    failed_scan: bool = attrs.field(metadata={"wire": "failedScan"})
    sample_paths: list[str] = attrs.field(metadata={"wire": "samplePaths"})


@attrs.frozen(kw_only=True)
class WorkspaceMessage:
    #: Unix timestamp (in seconds) when the message was archived.
    archived_at: int | None = attrs.field(default=None, metadata={"wire": "archivedAt"})
    #: Unix timestamp (in seconds) when the message was created.
    created_at: int | None = attrs.field(default=None, metadata={"wire": "createdAt"})
    message_body: str = attrs.field(metadata={"wire": "messageBody"})
    message_id: str = attrs.field(metadata={"wire": "messageId"})
    message_type: WorkspaceMessageType = attrs.field(metadata={"wire": "messageType"})


@attrs.frozen(kw_only=True)
class WorkspaceRouting:
    account_routing_override: AccountRoutingOverride = attrs.field(metadata={"wire": "accountRoutingOverride"})
    backend_origin: str = attrs.field(metadata={"wire": "backendOrigin"})
    chatgpt_account_id: str = attrs.field(metadata={"wire": "chatgptAccountId"})


@attrs.frozen(kw_only=True)
class WorkspaceWriteSandboxPolicy:
    exclude_slash_tmp: bool | None = attrs.field(default=None, metadata={"wire": "excludeSlashTmp"})
    exclude_tmpdir_env_var: bool | None = attrs.field(default=None, metadata={"wire": "excludeTmpdirEnvVar"})
    network_access: bool | None = attrs.field(default=None, metadata={"wire": "networkAccess"})
    type: Literal["workspaceWrite"] = attrs.field(default="workspaceWrite", metadata={"tag": True})
    writable_roots: list[AbsolutePathBuf] | None = attrs.field(default=None, metadata={"wire": "writableRoots"})


@attrs.frozen(kw_only=True)
class WriteStdinGuardianApprovalReviewAction:
    """A child approval for input to an existing command execution item."""

    approval_id: str = attrs.field(metadata={"wire": "approvalId"})
    cwd: LegacyAppPathString
    process_id: str = attrs.field(metadata={"wire": "processId"})
    stdin: str
    type: Literal["writeStdin"] = attrs.field(default="writeStdin", metadata={"tag": True})


# --------------------------------------------------------------------------------------------------
# Aliases: enums, unions, and names for plain values

#: A path that is guaranteed to be absolute and normalized (though it is not guaranteed to be
#: canonicalized or exist on the filesystem).
AbsolutePathBuf: TypeAlias = str
Account: TypeAlias = ApiKeyAccount | ChatgptAccount | AmazonBedrockAccount | UnknownVariant
#: Backend routing policy. Wire values match the accounts/check contract.
AccountRoutingOverride: TypeAlias = Literal["NO_CONSTRAINT", "us", "us_cr"]
AddCreditsNudgeCreditType: TypeAlias = Literal["credits", "usage_limit"]
AddCreditsNudgeEmailStatus: TypeAlias = Literal["sent", "cooldown_active"]
AdditionalContextKind: TypeAlias = Literal["untrusted", "application"]
AgentMessageDelivery: TypeAlias = Literal["async"]
AgentMessageInputContent: TypeAlias = InputTextAgentMessageInputContent | EncryptedContentAgentMessageInputContent | UnknownVariant
AgentPath: TypeAlias = str
AllowDenyRequirement: TypeAlias = Literal["allow", "deny"]
#: Account settings for a single app.
AppLinksConfig: TypeAlias = dict[str, Any]
AppTemplateUnavailableReason: TypeAlias = Literal["NOT_CONFIGURED_FOR_WORKSPACE", "NO_ACTIVE_WORKSPACE"]
AppToolApproval: TypeAlias = Literal["auto", "prompt", "writes", "approve"]
AppToolsConfig: TypeAlias = dict[str, Any]
#: Configures who approval requests are routed to for review. Examples include sandbox escapes, blocked
#: network access, MCP approval prompts, and ARC escalations. Defaults to `user`. `auto_review` uses a
#: carefully prompted subagent to gather relevant context and apply a risk-based decision...
ApprovalsReviewer: TypeAlias = Literal["user", "auto_review", "guardian_subagent"]
AskForApproval: TypeAlias = Literal["untrusted", "on-request", "never"] | GranularAskForApproval | UnknownVariant
#: Authentication mode for OpenAI-backed providers.
AuthMode: TypeAlias = Literal["apikey", "chatgpt", "chatgptAuthTokens", "headers", "agentIdentity", "personalAccessToken", "bedrockApiKey", "bedrockAccessKeys"]
#: Selects which part of the active context is charged against `model_auto_compact_token_limit`.
AutoCompactTokenLimitScope: TypeAlias = Literal["total", "body_after_prefix"]
#: [UNSTABLE] Source that produced a terminal approval auto-review decision.
AutoReviewDecisionSource: TypeAlias = Literal["agent"]
AwsCredentialType: TypeAlias = Literal["accessKeys", "bedrockApiKey"]
BedrockSetupParams: TypeAlias = ProfileBedrockSetupParams | EnvironmentBedrockSetupParams | UnknownVariant
BrowserUseAccessApprovalLifetime: TypeAlias = Literal["turn", "thread"]
CancelLoginAccountStatus: TypeAlias = Literal["canceled", "notFound"]
#: Location used to resolve a selected capability root.
CapabilityRootLocation: TypeAlias = EnvironmentCapabilityRootLocation | UnknownVariant
ChatgptAuthTokensRefreshReason: TypeAlias = Literal["unauthorized"]
CliAuthCredentialsStoreMode: TypeAlias = Literal["file", "keyring", "auto", "ephemeral"]
#: This translation layer make sure that we expose codex error code in camel case.
CodexErrorInfo: TypeAlias = Literal["contextWindowExceeded", "sessionBudgetExceeded", "usageLimitExceeded", "rateLimitExceeded", "flexUnavailable", "serverOverloaded", "cyberPolicy", "misalignmentPolicyViolation", "tooManyDenials", "internalServerError", "unauthorized", "badRequest", "threadRollbackFailed", "sandboxError", "other"] | HttpConnectionFailedCodexErrorInfo | ResponseStreamConnectionFailedCodexErrorInfo | ResponseStreamDisconnectedCodexErrorInfo | ResponseTooManyFailedAttemptsCodexErrorInfo | ActiveTurnNotSteerableCodexErrorInfo | UnknownVariant
CodexResponseHandoffMode: TypeAlias = Literal["thinking", "commentary", "bemTags"]
CollabAgentStatus: TypeAlias = Literal["pendingInit", "running", "interrupted", "completed", "errored", "shutdown", "notFound"]
CollabAgentTool: TypeAlias = Literal["spawnAgent", "sendInput", "resumeAgent", "wait", "closeAgent", "sendMessage", "followupTask", "interruptAgent", "listAgents"]
CollabAgentToolCallStatus: TypeAlias = Literal["inProgress", "completed", "failed", "interrupted"]
CommandAction: TypeAlias = ReadCommandAction | ListFilesCommandAction | SearchCommandAction | UnknownCommandAction | UnknownVariant
#: Stream label for `command/exec/outputDelta` notifications.
CommandExecOutputStream: TypeAlias = Literal["stdout", "stderr"]
CommandExecutionApprovalDecision: TypeAlias = Literal["accept", "acceptForSession", "decline", "cancel"] | AcceptWithExecpolicyAmendmentCommandExecutionApprovalDecision | ApplyNetworkPolicyAmendmentCommandExecutionApprovalDecision | UnknownVariant
#: Distinguishes a command approval from input sent to an existing terminal.
CommandExecutionApprovalKind: TypeAlias = Literal["command", "writeStdin"]
CommandExecutionSource: TypeAlias = Literal["agent", "userShell", "unifiedExecStartup", "unifiedExecInteraction"]
CommandExecutionStatus: TypeAlias = Literal["inProgress", "completed", "failed", "declined"]
ConfigLayerSource: TypeAlias = PackagedDefaultsConfigLayerSource | MdmConfigLayerSource | SystemConfigLayerSource | EnterpriseManagedConfigLayerSource | UserConfigLayerSource | ProjectConfigLayerSource | SessionFlagsConfigLayerSource | LegacyManagedConfigTomlFromFileConfigLayerSource | LegacyManagedConfigTomlFromMdmConfigLayerSource | UnknownVariant
ConfiguredHookHandler: TypeAlias = CommandConfiguredHookHandler | McpToolConfiguredHookHandler | PromptConfiguredHookHandler | AgentConfiguredHookHandler | UnknownVariant
ConsumeAccountRateLimitResetCreditOutcome: TypeAlias = Literal["reset", "nothingToReset", "noCredit", "alreadyRedeemed"]
ContentItem: TypeAlias = InputTextContentItem | InputImageContentItem | InputAudioContentItem | OutputTextContentItem | UnknownVariant
ConversationTextRole: TypeAlias = Literal["user", "developer", "assistant"]
#: Requested cyber treatment for an OpenAI model turn. Authorization and model-tier restrictions remain
#: server-owned.
CyberAccessProgram: TypeAlias = Literal["standard", "daybreakBlue", "daybreakRed"]
DesktopOnboardingEntrypoint: TypeAlias = Literal["life_sciences"]
DynamicToolCallOutputContentItem: TypeAlias = InputTextDynamicToolCallOutputContentItem | InputImageDynamicToolCallOutputContentItem | InputAudioDynamicToolCallOutputContentItem | UnknownVariant
DynamicToolCallStatus: TypeAlias = Literal["inProgress", "completed", "failed"]
DynamicToolNamespaceTool: TypeAlias = FunctionDynamicToolNamespaceTool | UnknownVariant
DynamicToolSpec: TypeAlias = FunctionDynamicToolSpec | NamespaceDynamicToolSpec | UnknownVariant
#: Current status observed by app-server without starting or recovering an environment.
EnvironmentStatusKind: TypeAlias = Literal["ready", "pending", "disconnected", "unknown"]
ExperimentalFeatureStage: TypeAlias = Literal["beta", "underDevelopment", "stable", "deprecated", "removed"]
ExternalAgentConfigMigrationItemType: TypeAlias = Literal["AGENTS_MD", "CONFIG", "SKILLS", "PLUGINS", "MCP_SERVER_CONFIG", "SUBAGENTS", "HOOKS", "COMMANDS", "MEMORY", "SESSIONS"]
ExternalAgentDetectedConnectorSource: TypeAlias = Literal["remoteMcpServersConfig", "sessionToolUse"]
ExternalAgentImportedConnectorSource: TypeAlias = Literal["remoteMcpServersConfig"]
FileChange: TypeAlias = AddFileChange | DeleteFileChange | UpdateFileChange | UnknownVariant
FileChangeApprovalDecision: TypeAlias = Literal["accept", "acceptForSession", "decline", "cancel"]
FileSystemAccessMode: TypeAlias = Literal["read", "write", "deny"]
FileSystemPath: TypeAlias = PathFileSystemPath | GlobPatternFileSystemPath | SpecialFileSystemPath | UnknownVariant
FileSystemSpecialPath: TypeAlias = RootFileSystemSpecialPath | MinimalFileSystemSpecialPath | KindFileSystemSpecialPath | TmpdirFileSystemSpecialPath | SlashTmpFileSystemSpecialPath | UnknownFileSystemSpecialPath | UnknownVariant
#: Backward-compatible API shape for ChatGPT workspace login restrictions.
ForcedChatgptWorkspaceIds: TypeAlias = str | list[str]
ForcedLoginMethod: TypeAlias = Literal["chatgpt", "api"]
#: Responses API compatible content items that can be returned by a tool call. This is a subset of
#: ContentItem with the types we support as function call outputs.
FunctionCallOutputContentItem: TypeAlias = InputTextFunctionCallOutputContentItem | InputImageFunctionCallOutputContentItem | InputAudioFunctionCallOutputContentItem | EncryptedContentFunctionCallOutputContentItem | UnknownVariant
FunctionCallOutputBody: TypeAlias = str | list[FunctionCallOutputContentItem]
FuzzyFileSearchMatchType: TypeAlias = Literal["file", "directory"]
GatewayOAuthStatus: TypeAlias = Literal["notReady", "started", "succeeded", "failed"]
GuardianApprovalReviewAction: TypeAlias = CommandGuardianApprovalReviewAction | ExecveGuardianApprovalReviewAction | WriteStdinGuardianApprovalReviewAction | ApplyPatchGuardianApprovalReviewAction | NetworkAccessGuardianApprovalReviewAction | McpToolCallGuardianApprovalReviewAction | RequestPermissionsGuardianApprovalReviewAction | UnknownVariant
#: [UNSTABLE] Lifecycle state for an approval auto-review.
GuardianApprovalReviewStatus: TypeAlias = Literal["inProgress", "approved", "denied", "timedOut", "aborted"]
GuardianCommandSource: TypeAlias = Literal["shell", "unifiedExec"]
#: [UNSTABLE] Risk level assigned by approval auto-review.
GuardianRiskLevel: TypeAlias = Literal["low", "medium", "high", "critical"]
#: [UNSTABLE] Authorization level assigned by approval auto-review.
GuardianUserAuthorization: TypeAlias = Literal["unknown", "low", "medium", "high"]
HookEventName: TypeAlias = Literal["preToolUse", "permissionRequest", "postToolUse", "preCompact", "postCompact", "sessionStart", "sessionEnd", "userPromptSubmit", "subagentStart", "subagentStop", "stop", "interrupt"]
HookExecutionMode: TypeAlias = Literal["sync", "async"]
HookHandlerType: TypeAlias = Literal["command", "mcpTool", "prompt", "agent"]
HookMetadata: TypeAlias = CommandHookMetadata | McpToolHookMetadata | PromptHookMetadata | AgentHookMetadata | UnknownVariant
HookOutputEntryKind: TypeAlias = Literal["warning", "stop", "feedback", "context", "error"]
HookRunStatus: TypeAlias = Literal["running", "completed", "failed", "blocked", "stopped"]
HookScope: TypeAlias = Literal["thread", "turn"]
HookSource: TypeAlias = Literal["system", "user", "project", "mdm", "sessionFlags", "plugin", "cloudRequirements", "cloudManagedConfig", "legacyManagedConfigFile", "legacyManagedConfigMdm", "unknown"]
HookTrustStatus: TypeAlias = Literal["managed", "untrusted", "trusted", "modified"]
ImageDetail: TypeAlias = Literal["auto", "low", "high", "original"]
ImageGenerationFailure: TypeAlias = UsageLimitExceededImageGenerationFailure | UnknownVariant
#: Canonical user-input modality tags advertised by a model.
InputModality: TypeAlias = Literal["text", "image", "audio"]
#: Refers to any valid JSON-RPC object that can be decoded off the wire, or encoded to be sent.
JSONRPCMessage: TypeAlias = JSONRPCRequest | JSONRPCNotification | JSONRPCResponse | JSONRPCError
LegacyAppPathString: TypeAlias = str
LocalShellAction: TypeAlias = ExecLocalShellAction | UnknownVariant
LocalShellStatus: TypeAlias = Literal["completed", "in_progress", "incomplete"]
LoginAccountParams: TypeAlias = ApiKeyLoginAccountParams | ChatgptLoginAccountParams | ChatgptDeviceCodeLoginAccountParams | ChatgptAuthTokensLoginAccountParams | AmazonBedrockLoginAccountParams | AmazonBedrockAccessKeysLoginAccountParams | UnknownVariant
LoginAccountResponse: TypeAlias = ApiKeyLoginAccountResponse | ChatgptLoginAccountResponse | ChatgptDeviceCodeLoginAccountResponse | ChatgptAuthTokensLoginAccountResponse | AmazonBedrockLoginAccountResponse | UnknownVariant
LoginAppBrand: TypeAlias = Literal["codex", "chatgpt"]
McpAppDisplayMode: TypeAlias = Literal["inline", "fullscreen"]
McpAuthStatus: TypeAlias = Literal["unknown", "unsupported", "notLoggedIn", "bearerToken", "oAuth"]
McpElicitationArrayType: TypeAlias = Literal["array"]
McpElicitationBooleanType: TypeAlias = Literal["boolean"]
McpElicitationMultiSelectEnumSchema: TypeAlias = McpElicitationUntitledMultiSelectEnumSchema | McpElicitationTitledMultiSelectEnumSchema
McpElicitationSingleSelectEnumSchema: TypeAlias = McpElicitationUntitledSingleSelectEnumSchema | McpElicitationTitledSingleSelectEnumSchema
McpElicitationEnumSchema: TypeAlias = McpElicitationSingleSelectEnumSchema | McpElicitationMultiSelectEnumSchema | McpElicitationLegacyTitledEnumSchema
McpElicitationNumberType: TypeAlias = Literal["number", "integer"]
McpElicitationObjectType: TypeAlias = Literal["object"]
McpElicitationPrimitiveSchema: TypeAlias = McpElicitationEnumSchema | McpElicitationStringSchema | McpElicitationNumberSchema | McpElicitationBooleanSchema
McpElicitationStringFormat: TypeAlias = Literal["email", "uri", "date", "date-time"]
McpElicitationStringType: TypeAlias = Literal["string"]
McpServerConnectionStatus: TypeAlias = Literal["notStarted", "starting", "connected", "authenticationRequired", "failed", "cancelled", "disabled"]
McpServerElicitationAction: TypeAlias = Literal["accept", "decline", "cancel"]
McpServerElicitationRequestParams: TypeAlias = OpenaiUserVerificationMcpServerElicitationRequestParams | FormMcpServerElicitationRequestParams | OpenaiFormMcpServerElicitationRequestParams | OpenaiFormMcpServerElicitationRequestParams2 | UrlMcpServerElicitationRequestParams | UnknownVariant
McpServerOauthClientRegistration: TypeAlias = Literal["auto", "cimd", "dcr"]
McpServerStartupFailureReason: TypeAlias = Literal["reauthenticationRequired"]
McpServerStartupState: TypeAlias = Literal["starting", "ready", "failed", "cancelled"]
McpServerStatusDetail: TypeAlias = Literal["full", "toolsAndAuthOnly"]
McpToolCallStatus: TypeAlias = Literal["inProgress", "completed", "failed"]
MergeStrategy: TypeAlias = Literal["replace", "upsert"]
#: Classifies assistant text as commentary, a partial answer, or a terminal answer.
MessagePhase: TypeAlias = Literal["commentary", "partial_answer", "final_answer"]
#: Initial collaboration mode to use when the TUI starts.
ModeKind: TypeAlias = Literal["plan", "default"]
ModelRerouteReason: TypeAlias = Literal["highRiskCyberActivity"]
ModelVerification: TypeAlias = Literal["trustedAccessForCyber"]
#: Controls the effective multi-agent delegation instructions for a turn. `custom` means the configured
#: mode hint defines the policy instead of a built-in policy.
MultiAgentMode: TypeAlias = Literal["explicitRequestOnly", "proactive"] | CustomMultiAgentMode | UnknownVariant
#: Multi-agent runtime supported by a model.
MultiAgentVersion: TypeAlias = Literal["disabled", "v1", "v2"]
NetworkAccess: TypeAlias = Literal["restricted", "enabled"]
NetworkApprovalProtocol: TypeAlias = Literal["http", "https", "socks5Tcp", "socks5Udp"]
NetworkDomainPermission: TypeAlias = Literal["allow", "deny"]
NetworkPolicyRuleAction: TypeAlias = Literal["allow", "deny"]
NetworkUnixSocketPermission: TypeAlias = Literal["allow", "deny"]
NonSteerableTurnKind: TypeAlias = Literal["review", "compact"]
NullableGetAccountRateLimitsParams: TypeAlias = GetAccountRateLimitsParams | None
NullableGetAccountTokenUsageParams: TypeAlias = GetAccountTokenUsageParams | None
NullableRemoteControlDisableParams: TypeAlias = RemoteControlDisableParams | None
NullableRemoteControlEnableParams: TypeAlias = RemoteControlEnableParams | None
ParsedCommand: TypeAlias = ReadParsedCommand | ListFilesParsedCommand | SearchParsedCommand | UnknownParsedCommand | UnknownVariant
PatchApplyStatus: TypeAlias = Literal["inProgress", "completed", "failed", "declined"]
PatchChangeKind: TypeAlias = AddPatchChangeKind | DeletePatchChangeKind | UpdatePatchChangeKind | UnknownVariant
PathUri: TypeAlias = str
PermissionGrantScope: TypeAlias = Literal["turn", "session"]
#: Deprecated: `friendly` and `pragmatic` no longer select a style.
Personality: TypeAlias = Literal["none", "friendly", "pragmatic"]
PlanType: TypeAlias = Literal["free", "go", "plus", "pro", "prolite", "promax", "team", "self_serve_business_prolite", "self_serve_business_usage_based", "business", "ent26", "enterprise_cbp_automation", "enterprise_cbp_usage_based", "enterprise", "edu", "edu_plus", "edu_pro", "unknown"]
PluginAuthPolicy: TypeAlias = Literal["ON_INSTALL", "ON_USE"]
PluginAvailability: TypeAlias = Literal["DISABLED_BY_ADMIN", "AVAILABLE"]
PluginDisabledReason: TypeAlias = Literal["disabled_by_admin", "plan_not_eligible", "required_app_unavailable", "unknown"]
PluginInstallPolicy: TypeAlias = Literal["NOT_AVAILABLE", "AVAILABLE", "INSTALLED_BY_DEFAULT"]
PluginInstallPolicySource: TypeAlias = Literal["WORKSPACE_SETTING", "IMPLICIT_CANONICAL_APP"]
PluginListMarketplaceKind: TypeAlias = Literal["local", "vertical", "workspace-directory", "shared-with-me", "created-by-me-remote"]
PluginSearchScope: TypeAlias = Literal["global", "workspace", "personal"]
PluginShareDiscoverability: TypeAlias = Literal["LISTED", "UNLISTED", "PRIVATE"]
PluginSharePrincipalRole: TypeAlias = Literal["reader", "editor", "owner"]
PluginSharePrincipalType: TypeAlias = Literal["user", "group", "workspace"]
PluginShareTargetRole: TypeAlias = Literal["reader", "editor"]
PluginShareUpdateDiscoverability: TypeAlias = Literal["UNLISTED", "PRIVATE", "LISTED"]
PluginSource: TypeAlias = LocalPluginSource | GitPluginSource | NpmPluginSource | RemotePluginSource | UnknownVariant
#: Stream label for `process/outputDelta` notifications.
ProcessOutputStream: TypeAlias = Literal["stdout", "stderr"]
ProjectChangeType: TypeAlias = Literal["created", "updated", "deleted"]
ProjectSortKey: TypeAlias = Literal["position", "recencyAt"]
RateLimitReachedType: TypeAlias = Literal["rate_limit_reached", "workspace_owner_credits_depleted", "workspace_member_credits_depleted", "workspace_owner_usage_limit_reached", "workspace_member_usage_limit_reached"]
RateLimitResetCreditStatus: TypeAlias = Literal["available", "redeeming", "redeemed", "unknown"]
RateLimitResetType: TypeAlias = Literal["codexRateLimits", "unknown"]
RealtimeConversationVersion: TypeAlias = Literal["v1", "v2", "v3"]
RealtimeOutputModality: TypeAlias = Literal["text", "audio"]
RealtimeVoice: TypeAlias = Literal["alloy", "arbor", "ash", "aube", "ballad", "breeze", "bubbie", "cedar", "coral", "cove", "echo", "ember", "haetsal", "hanul", "himari", "juniper", "leher", "maple", "marin", "miko", "neer", "porto", "rindo", "rio", "rivage", "sage", "selva", "shimmer", "sol", "sonna", "spruce", "tinta", "vale", "verse", "viola"]
#: A non-empty reasoning effort value advertised by the model.
ReasoningEffort: TypeAlias = str
ReasoningItemContent: TypeAlias = ReasoningTextReasoningItemContent | TextReasoningItemContent | UnknownVariant
ReasoningItemReasoningSummary: TypeAlias = SummaryTextReasoningItemReasoningSummary | UnknownVariant
#: A summary of the reasoning performed by the model. This can be useful for debugging and understanding
#: the model's reasoning process. See https://platform.openai.com/docs/guides/reasoning?api-
#: mode=responses#reasoning-summaries
ReasoningSummary: TypeAlias = Literal["auto", "concise", "detailed", "none"]
RemoteControlClientsListOrder: TypeAlias = Literal["asc", "desc"]
RemoteControlConnectionStatus: TypeAlias = Literal["disabled", "connecting", "connected", "errored"]
RequestId: TypeAlias = str | int
ResidencyRequirement: TypeAlias = Literal["us"]
#: Contents returned when reading a resource from an MCP server.
ResourceContent: TypeAlias = TextResourceContent | BlobResourceContent
ResponseItem: TypeAlias = AdditionalToolsResponseItem | MessageResponseItem | AgentMessageResponseItem | ReasoningResponseItem | LocalShellCallResponseItem | FunctionCallResponseItem | ToolSearchCallResponseItem | FunctionCallOutputResponseItem | CustomToolCallResponseItem | CustomToolCallOutputResponseItem | ToolSearchOutputResponseItem | WebSearchCallResponseItem | ImageGenerationCallResponseItem | CompactionResponseItem | ConfigurationUpdateResponseItem | CompactionTriggerResponseItem | ContextCompactionResponseItem | OtherResponseItem | UnknownVariant
ResponsesApiWebSearchAction: TypeAlias = SearchResponsesApiWebSearchAction | OpenPageResponsesApiWebSearchAction | FindInPageResponsesApiWebSearchAction | OtherResponsesApiWebSearchAction | UnknownVariant
#: User's decision in response to an ExecApprovalRequest.
ReviewDecision: TypeAlias = Literal["approved", "approved_for_session", "approved_mcp_policy_amendment", "timed_out", "abort"] | ApprovedExecpolicyAmendmentReviewDecision | NetworkPolicyAmendmentReviewDecision | DeniedReviewDecision | UnknownVariant
ReviewDelivery: TypeAlias = Literal["inline", "detached"]
ReviewTarget: TypeAlias = UncommittedChangesReviewTarget | BaseBranchReviewTarget | CommitReviewTarget | CustomReviewTarget | UnknownVariant
SandboxMode: TypeAlias = Literal["read-only", "workspace-write", "danger-full-access"]
SandboxPolicy: TypeAlias = DangerFullAccessSandboxPolicy | ReadOnlySandboxPolicy | ExternalSandboxSandboxPolicy | WorkspaceWriteSandboxPolicy | UnknownVariant
ScheduledTaskSchedule: TypeAlias = HourlyScheduledTaskSchedule | DailyScheduledTaskSchedule | WeekdaysScheduledTaskSchedule | WeeklyScheduledTaskSchedule | UnknownVariant
ScheduledTaskWeekday: TypeAlias = Literal["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
SessionSource: TypeAlias = Literal["cli", "vscode", "exec", "appServer", "unknown"] | CustomSessionSource | SubAgentSessionSource | UnknownVariant
SkillScope: TypeAlias = Literal["user", "repo", "system", "admin"]
SortDirection: TypeAlias = Literal["asc", "desc"]
SubAgentActivityKind: TypeAlias = Literal["started", "interacted", "interrupted", "completed"]
SubAgentSource: TypeAlias = Literal["review", "compact", "memory_consolidation"] | ThreadSpawnSubAgentSource | OtherSubAgentSource | UnknownVariant
ThreadActiveFlag: TypeAlias = Literal["waitingOnApproval", "waitingOnUserInput"]
#: Result of attempting to associate an attachment with a thread.
ThreadAttachmentAddOutcome: TypeAlias = Literal["created", "existing"]
#: The persisted attachment change represented by a notification.
ThreadAttachmentOperation: TypeAlias = Literal["created", "deleted"]
#: Extra app-server data for a thread.
ThreadExtra: TypeAlias = dict[str, Any]
#: Distinguishes explicit user actions from automatic goal lifecycle mutations.
ThreadGoalMutationOrigin: TypeAlias = Literal["user", "automatic"]
ThreadGoalStatus: TypeAlias = Literal["active", "paused", "blocked", "usageLimited", "budgetLimited", "complete"]
ThreadHistoryMode: TypeAlias = Literal["legacy", "paginated"]
ThreadId: TypeAlias = str
ThreadItem: TypeAlias = UserMessageThreadItem | HookPromptThreadItem | AgentMessageThreadItem | FunctionCallOutputThreadItem | PlanThreadItem | ReasoningThreadItem | CommandExecutionThreadItem | FileChangeThreadItem | McpToolCallThreadItem | DynamicToolCallThreadItem | CollabAgentToolCallThreadItem | SubAgentActivityThreadItem | WebSearchThreadItem | ImageViewThreadItem | SleepThreadItem | ImageGenerationThreadItem | EnteredReviewModeThreadItem | ExitedReviewModeThreadItem | ContextCompactionThreadItem | UnknownVariant
#: An exclusive item position within the requested visible turn.
ThreadItemsListAnchor: TypeAlias = ItemThreadItemsListAnchor | UnknownVariant
#: Starting position for an item-history page.
ThreadItemsListCursor: TypeAlias = str | ThreadItemsListAnchor
ThreadListCwdFilter: TypeAlias = str | list[str]
ThreadMemoryMode: TypeAlias = Literal["enabled", "disabled"]
ThreadPredictionResult: TypeAlias = CompletedThreadPredictionResult | FailedThreadPredictionResult | UnknownVariant
ThreadReadStateOperation: TypeAlias = ReadThreadReadStateOperation | UnreadThreadReadStateOperation | UnknownVariant
#: EXPERIMENTAL - how an existing agent item appears in a realtime conversation.
ThreadRealtimeBemItemPresentation: TypeAlias = WholeItemThreadRealtimeBemItemPresentation | InlineMarkdownThreadRealtimeBemItemPresentation | InlineVisualizationThreadRealtimeBemItemPresentation | UnknownVariant
#: EXPERIMENTAL - a thread-scoped realtime item in the canonical timeline.
ThreadRealtimeItem: TypeAlias = RealtimeSessionStartedThreadRealtimeItem | TranscriptSegmentThreadRealtimeItem | BemItemPromotedThreadRealtimeItem | RealtimeSessionClosedThreadRealtimeItem | UnknownVariant
ThreadRealtimeSessionOutcome: TypeAlias = Literal["ended", "failed"]
#: EXPERIMENTAL - transport used by thread realtime.
ThreadRealtimeStartTransport: TypeAlias = WebsocketThreadRealtimeStartTransport | WebrtcThreadRealtimeStartTransport | ExistingCallThreadRealtimeStartTransport | UnknownVariant
ThreadRealtimeTranscriptRole: TypeAlias = Literal["user", "assistant"]
ThreadSearchSortKey: TypeAlias = Literal["created_at", "updated_at", "recency_at"]
ThreadSortKey: TypeAlias = Literal["created_at", "updated_at", "recency_at", "section_position"]
ThreadSource: TypeAlias = str
ThreadSourceKind: TypeAlias = Literal["cli", "vscode", "exec", "appServer", "subAgent", "subAgentReview", "subAgentCompact", "subAgentThreadSpawn", "subAgentOther", "unknown"]
ThreadStartSource: TypeAlias = Literal["startup", "clear"]
ThreadStatus: TypeAlias = NotLoadedThreadStatus | IdleThreadStatus | SystemErrorThreadStatus | ActiveThreadStatus | UnknownVariant
#: EXPERIMENTAL - one item or turn boundary in canonical rollout order.
ThreadTimelineEntry: TypeAlias = ItemThreadTimelineEntry | RealtimeThreadTimelineEntry | TurnStartedThreadTimelineEntry | TurnCompletedThreadTimelineEntry | UnknownVariant
ThreadUnreadPosition: TypeAlias = ThreadStartThreadUnreadPosition | TurnThreadUnreadPosition | UnknownVariant
ThreadUnsubscribeStatus: TypeAlias = Literal["notLoaded", "notSubscribed", "unsubscribed"]
#: A model-facing surface on which a tool can be exposed.
ToolExposureSurface: TypeAlias = Literal["code_mode", "deferred", "direct"]
TurnItemsView: TypeAlias = Literal["notLoaded", "summary", "full"]
TurnPlanStepStatus: TypeAlias = Literal["pending", "inProgress", "completed"]
TurnSettingsUpdateStatus: TypeAlias = Literal["applied", "targetUnavailable"]
TurnStatus: TypeAlias = Literal["completed", "interrupted", "failed", "inProgress"]
UserInput: TypeAlias = TextUserInput | ImageUserInput | LocalImageUserInput | AudioUserInput | LocalAudioUserInput | SkillUserInput | MentionUserInput | UnknownVariant
UserVerificationCancellationReason: TypeAlias = Literal["userCancelled", "interrupted"]
#: Closed error categories; native diagnostic payloads must not cross this boundary.
UserVerificationErrorDetails: TypeAlias = InvalidRequestUserVerificationErrorDetails | UnavailableUserVerificationErrorDetails | CancelledUserVerificationErrorDetails | FailedUserVerificationErrorDetails | UnknownVariant
UserVerificationFailureReason: TypeAlias = Literal["authenticationFailed", "timeout", "providerError", "serviceError"]
UserVerificationInvalidRequestReason: TypeAlias = Literal["invalidParams"]
UserVerificationUnavailableReason: TypeAlias = Literal["credentialMissing", "biometricsUnavailable", "providerUnavailable"]
#: Controls output length/detail on GPT-5 models via the Responses API. Serialized with lowercase values
#: to match the OpenAI API.
Verbosity: TypeAlias = Literal["low", "medium", "high"]
WebSearchAction: TypeAlias = SearchWebSearchAction | OpenPageWebSearchAction | FindInPageWebSearchAction | OtherWebSearchAction | UnknownVariant
WebSearchContextSize: TypeAlias = Literal["low", "medium", "high"]
WebSearchMode: TypeAlias = Literal["disabled", "cached", "indexed", "live"]
WindowsSandboxImplementation: TypeAlias = Literal["elevated", "unelevated", "mxc"]
WindowsSandboxReadiness: TypeAlias = Literal["ready", "notConfigured", "updateRequired"]
WindowsSandboxSetupMode: TypeAlias = Literal["elevated", "unelevated"]
WorkspaceMessageType: TypeAlias = Literal["headline", "announcement", "unknown"]
WriteStatus: TypeAlias = Literal["ok", "okOverridden"]


# --------------------------------------------------------------------------------------------------
# Registries: method -> types

#: Server notification method -> params class.
SERVER_NOTIFICATIONS: Final[dict[str, type]] = {
    "account/gatewayOAuth/changed": GatewayOAuthChangedNotification,
    "account/login/completed": AccountLoginCompletedNotification,
    "account/rateLimits/updated": AccountRateLimitsUpdatedNotification,
    "account/updated": AccountUpdatedNotification,
    "app/list/updated": AppListUpdatedNotification,
    "autoApprovalReview/strictReviewRequired": StrictReviewRequiredNotification,
    "command/exec/outputDelta": CommandExecOutputDeltaNotification,
    "configWarning": ConfigWarningNotification,
    "deprecationNotice": DeprecationNoticeNotification,
    "error": ErrorNotification,
    "externalAgentConfig/import/completed": ExternalAgentConfigImportCompletedNotification,
    "externalAgentConfig/import/progress": ExternalAgentConfigImportProgressNotification,
    "fs/changed": FsChangedNotification,
    "fuzzyFileSearch/sessionCompleted": FuzzyFileSearchSessionCompletedNotification,
    "fuzzyFileSearch/sessionUpdated": FuzzyFileSearchSessionUpdatedNotification,
    "guardianWarning": GuardianWarningNotification,
    "hook/completed": HookCompletedNotification,
    "hook/started": HookStartedNotification,
    "item/agentMessage/delta": AgentMessageDeltaNotification,
    "item/autoApprovalReview/completed": ItemGuardianApprovalReviewCompletedNotification,
    "item/autoApprovalReview/started": ItemGuardianApprovalReviewStartedNotification,
    "item/commandExecution/outputDelta": CommandExecutionOutputDeltaNotification,
    "item/commandExecution/terminalInteraction": TerminalInteractionNotification,
    "item/completed": ItemCompletedNotification,
    "item/fileChange/outputDelta": FileChangeOutputDeltaNotification,
    "item/fileChange/patchUpdated": FileChangePatchUpdatedNotification,
    "item/mcpToolCall/progress": McpToolCallProgressNotification,
    "item/plan/delta": PlanDeltaNotification,
    "item/reasoning/summaryPartAdded": ReasoningSummaryPartAddedNotification,
    "item/reasoning/summaryTextDelta": ReasoningSummaryTextDeltaNotification,
    "item/reasoning/textDelta": ReasoningTextDeltaNotification,
    "item/started": ItemStartedNotification,
    "mcpServer/event/stream/notification": McpServerEventStreamNotification,
    "mcpServer/oauthLogin/completed": McpServerOauthLoginCompletedNotification,
    "mcpServer/startupStatus/updated": McpServerStatusUpdatedNotification,
    "model/rerouted": ModelReroutedNotification,
    "model/safetyBuffering/updated": ModelSafetyBufferingUpdatedNotification,
    "model/verification": ModelVerificationNotification,
    "modelProvider/authRecoveryCompleted": AuthRecoveryNotification,
    "modelProvider/authRecoveryStarted": AuthRecoveryNotification,
    "process/exited": ProcessExitedNotification,
    "process/outputDelta": ProcessOutputDeltaNotification,
    "project/changed": ProjectChangedNotification,
    "remoteControl/status/changed": RemoteControlStatusChangedNotification,
    "serverRequest/resolved": ServerRequestResolvedNotification,
    "skills/changed": SkillsChangedNotification,
    "thread/archived": ThreadArchivedNotification,
    "thread/attachment/updated": ThreadAttachmentUpdatedNotification,
    "thread/closed": ThreadClosedNotification,
    "thread/compacted": ContextCompactedNotification,
    "thread/deleted": ThreadDeletedNotification,
    "thread/environment/connected": EnvironmentConnectionNotification,
    "thread/environment/disconnected": EnvironmentConnectionNotification,
    "thread/goal/cleared": ThreadGoalClearedNotification,
    "thread/goal/updated": ThreadGoalUpdatedNotification,
    "thread/name/updated": ThreadNameUpdatedNotification,
    "thread/prediction/updated": ThreadPredictionUpdatedNotification,
    "thread/project/updated": ThreadProjectUpdatedNotification,
    "thread/queue/changed": ThreadQueueChangedNotification,
    "thread/readState/changed": ThreadReadStateChangedNotification,
    "thread/realtime/closed": ThreadRealtimeClosedNotification,
    "thread/realtime/error": ThreadRealtimeErrorNotification,
    "thread/realtime/item/completed": ThreadRealtimeItemCompletedNotification,
    "thread/realtime/item/started": ThreadRealtimeItemStartedNotification,
    "thread/realtime/item/transcript/delta": ThreadRealtimeItemTranscriptDeltaNotification,
    "thread/realtime/itemAdded": ThreadRealtimeItemAddedNotification,
    "thread/realtime/outputAudio/delta": ThreadRealtimeOutputAudioDeltaNotification,
    "thread/realtime/sdp": ThreadRealtimeSdpNotification,
    "thread/realtime/started": ThreadRealtimeStartedNotification,
    "thread/realtime/transcript/delta": ThreadRealtimeTranscriptDeltaNotification,
    "thread/realtime/transcript/done": ThreadRealtimeTranscriptDoneNotification,
    "thread/reverted": ThreadRevertedNotification,
    "thread/settings/updated": ThreadSettingsUpdatedNotification,
    "thread/started": ThreadStartedNotification,
    "thread/status/changed": ThreadStatusChangedNotification,
    "thread/tokenUsage/updated": ThreadTokenUsageUpdatedNotification,
    "thread/unarchived": ThreadUnarchivedNotification,
    "turn/completed": TurnCompletedNotification,
    "turn/diff/updated": TurnDiffUpdatedNotification,
    "turn/moderationMetadata": TurnModerationMetadataNotification,
    "turn/plan/updated": TurnPlanUpdatedNotification,
    "turn/started": TurnStartedNotification,
    "warning": WarningNotification,
    "windows/worldWritableWarning": WindowsWorldWritableWarningNotification,
    "windowsSandbox/setupCompleted": WindowsSandboxSetupCompletedNotification,
}

#: Server -> client request method -> (params type, response type). A type is a class or,
#: for a few methods, a union alias; hence ``Any``.
SERVER_REQUESTS: Final[dict[str, tuple[Any, Any]]] = {
    "account/chatgptAuthTokens/refresh": (ChatgptAuthTokensRefreshParams, ChatgptAuthTokensRefreshResponse),
    "applyPatchApproval": (ApplyPatchApprovalParams, ApplyPatchApprovalResponse),
    "attestation/generate": (AttestationGenerateParams, AttestationGenerateResponse),
    "currentTime/read": (CurrentTimeReadParams, CurrentTimeReadResponse),
    "execCommandApproval": (ExecCommandApprovalParams, ExecCommandApprovalResponse),
    "item/commandExecution/requestApproval": (CommandExecutionRequestApprovalParams, CommandExecutionRequestApprovalResponse),
    "item/fileChange/requestApproval": (FileChangeRequestApprovalParams, FileChangeRequestApprovalResponse),
    "item/permissions/requestApproval": (PermissionsRequestApprovalParams, PermissionsRequestApprovalResponse),
    "item/tool/call": (DynamicToolCallParams, DynamicToolCallResponse),
    "item/tool/requestUserInput": (ToolRequestUserInputParams, ToolRequestUserInputResponse),
    "mcpServer/elicitation/request": (McpServerElicitationRequestParams, McpServerElicitationRequestResponse),
}

#: Client request method -> (params type, response type or None if the schema names none).
#: ``NoneType`` params: the method takes no params.
CLIENT_REQUESTS: Final[dict[str, tuple[Any, Any]]] = {
    "account/bedrock/checkGovCloudRequirements": (BedrockCheckGovCloudRequirementsParams, BedrockCheckGovCloudRequirementsResponse),
    "account/bedrock/discover": (BedrockDiscoverParams, BedrockDiscoverResponse),
    "account/bedrock/setup": (BedrockSetupParams, BedrockSetupResponse),
    "account/gatewayOAuth/cancel": (NoneType, GatewayOAuthCancelResponse),
    "account/gatewayOAuth/login": (NoneType, GatewayOAuthLoginResponse),
    "account/gatewayOAuth/read": (NoneType, GatewayOAuthReadResponse),
    "account/login/cancel": (CancelLoginAccountParams, CancelLoginAccountResponse),
    "account/login/start": (LoginAccountParams, LoginAccountResponse),
    "account/logout": (NoneType, LogoutAccountResponse),
    "account/rateLimitResetCredit/consume": (ConsumeAccountRateLimitResetCreditParams, ConsumeAccountRateLimitResetCreditResponse),
    "account/rateLimits/read": (GetAccountRateLimitsParams | None, GetAccountRateLimitsResponse),
    "account/read": (GetAccountParams, GetAccountResponse),
    "account/sendAddCreditsNudgeEmail": (SendAddCreditsNudgeEmailParams, SendAddCreditsNudgeEmailResponse),
    "account/usage/read": (GetAccountTokenUsageParams | None, GetAccountTokenUsageResponse),
    "account/workspaceMessages/read": (NoneType, GetWorkspaceMessagesResponse),
    "app/installed": (AppsInstalledParams, AppsInstalledResponse),
    "app/list": (AppsListParams, AppsListResponse),
    "app/read": (AppsReadParams, AppsReadResponse),
    "collaborationMode/list": (CollaborationModeListParams, CollaborationModeListResponse),
    "command/exec": (CommandExecParams, CommandExecResponse),
    "command/exec/resize": (CommandExecResizeParams, CommandExecResizeResponse),
    "command/exec/terminate": (CommandExecTerminateParams, CommandExecTerminateResponse),
    "command/exec/write": (CommandExecWriteParams, CommandExecWriteResponse),
    "config/batchWrite": (ConfigBatchWriteParams, ConfigWriteResponse),
    "config/mcpServer/reload": (NoneType, McpServerRefreshResponse),
    "config/read": (ConfigReadParams, ConfigReadResponse),
    "config/value/write": (ConfigValueWriteParams, ConfigWriteResponse),
    "configRequirements/read": (NoneType, ConfigRequirementsReadResponse),
    "environment/add": (EnvironmentAddParams, EnvironmentAddResponse),
    "environment/info": (EnvironmentInfoParams, EnvironmentInfoResponse),
    "environment/status": (EnvironmentStatusParams, EnvironmentStatusResponse),
    "experimentalFeature/enablement/set": (ExperimentalFeatureEnablementSetParams, ExperimentalFeatureEnablementSetResponse),
    "experimentalFeature/list": (ExperimentalFeatureListParams, ExperimentalFeatureListResponse),
    "externalAgentConfig/detect": (ExternalAgentConfigDetectParams, ExternalAgentConfigDetectResponse),
    "externalAgentConfig/import": (ExternalAgentConfigImportParams, ExternalAgentConfigImportResponse),
    "externalAgentConfig/import/readHistories": (NoneType, ExternalAgentConfigImportHistoriesReadResponse),
    "externalAgentConfig/import/recordHistory": (ExternalAgentConfigImportHistoryRecordParams, ExternalAgentConfigImportHistoryRecordResponse),
    "feedback/upload": (FeedbackUploadParams, FeedbackUploadResponse),
    "fs/copy": (FsCopyParams, FsCopyResponse),
    "fs/createDirectory": (FsCreateDirectoryParams, FsCreateDirectoryResponse),
    "fs/getMetadata": (FsGetMetadataParams, FsGetMetadataResponse),
    "fs/readDirectory": (FsReadDirectoryParams, FsReadDirectoryResponse),
    "fs/readFile": (FsReadFileParams, FsReadFileResponse),
    "fs/remove": (FsRemoveParams, FsRemoveResponse),
    "fs/unwatch": (FsUnwatchParams, FsUnwatchResponse),
    "fs/watch": (FsWatchParams, FsWatchResponse),
    "fs/writeFile": (FsWriteFileParams, FsWriteFileResponse),
    "fuzzyFileSearch": (FuzzyFileSearchParams, FuzzyFileSearchResponse),
    "fuzzyFileSearch/sessionStart": (FuzzyFileSearchSessionStartParams, FuzzyFileSearchSessionStartResponse),
    "fuzzyFileSearch/sessionStop": (FuzzyFileSearchSessionStopParams, FuzzyFileSearchSessionStopResponse),
    "fuzzyFileSearch/sessionUpdate": (FuzzyFileSearchSessionUpdateParams, FuzzyFileSearchSessionUpdateResponse),
    "hooks/list": (HooksListParams, HooksListResponse),
    "initialize": (InitializeParams, InitializeResponse),
    "marketplace/add": (MarketplaceAddParams, MarketplaceAddResponse),
    "marketplace/remove": (MarketplaceRemoveParams, MarketplaceRemoveResponse),
    "marketplace/upgrade": (MarketplaceUpgradeParams, MarketplaceUpgradeResponse),
    "mcpServer/event/stream/start": (McpServerEventStreamStartParams, McpServerEventStreamStartResponse),
    "mcpServer/event/stream/stop": (McpServerEventStreamStopParams, McpServerEventStreamStopResponse),
    "mcpServer/oauth/login": (McpServerOauthLoginParams, McpServerOauthLoginResponse),
    "mcpServer/resource/read": (McpResourceReadParams, McpResourceReadResponse),
    "mcpServer/tool/call": (McpServerToolCallParams, McpServerToolCallResponse),
    "mcpServerStatus/list": (ListMcpServerStatusParams, ListMcpServerStatusResponse),
    "memory/reset": (NoneType, MemoryResetResponse),
    "memory/status": (MemoryStatusParams, MemoryStatusResponse),
    "mock/experimentalMethod": (MockExperimentalMethodParams, MockExperimentalMethodResponse),
    "model/list": (ModelListParams, ModelListResponse),
    "modelProvider/capabilities/read": (ModelProviderCapabilitiesReadParams, ModelProviderCapabilitiesReadResponse),
    "permissionProfile/list": (PermissionProfileListParams, PermissionProfileListResponse),
    "plugin/install": (PluginInstallParams, PluginInstallResponse),
    "plugin/installed": (PluginInstalledParams, PluginInstalledResponse),
    "plugin/list": (PluginListParams, PluginListResponse),
    "plugin/read": (PluginReadParams, PluginReadResponse),
    "plugin/reconcile": (PluginReconcileParams, PluginReconcileResponse),
    "plugin/search": (PluginSearchParams, PluginSearchResponse),
    "plugin/share/checkout": (PluginShareCheckoutParams, PluginShareCheckoutResponse),
    "plugin/share/delete": (PluginShareDeleteParams, PluginShareDeleteResponse),
    "plugin/share/list": (PluginShareListParams, PluginShareListResponse),
    "plugin/share/save": (PluginShareSaveParams, PluginShareSaveResponse),
    "plugin/share/updateTargets": (PluginShareUpdateTargetsParams, PluginShareUpdateTargetsResponse),
    "plugin/skill/read": (PluginSkillReadParams, PluginSkillReadResponse),
    "plugin/uninstall": (PluginUninstallParams, PluginUninstallResponse),
    "process/kill": (ProcessKillParams, ProcessKillResponse),
    "process/resizePty": (ProcessResizePtyParams, ProcessResizePtyResponse),
    "process/spawn": (ProcessSpawnParams, ProcessSpawnResponse),
    "process/writeStdin": (ProcessWriteStdinParams, ProcessWriteStdinResponse),
    "project/create": (ProjectCreateParams, ProjectCreateResponse),
    "project/delete": (ProjectDeleteParams, ProjectDeleteResponse),
    "project/import": (ProjectImportParams, ProjectImportResponse),
    "project/list": (ProjectListParams, ProjectListResponse),
    "project/move": (ProjectMoveParams, ProjectMoveResponse),
    "project/read": (ProjectReadParams, ProjectReadResponse),
    "project/update": (ProjectUpdateParams, ProjectUpdateResponse),
    "remoteControl/client/list": (RemoteControlClientsListParams, RemoteControlClientsListResponse),
    "remoteControl/client/revoke": (RemoteControlClientsRevokeParams, RemoteControlClientsRevokeResponse),
    "remoteControl/disable": (RemoteControlDisableParams | None, RemoteControlDisableResponse),
    "remoteControl/enable": (RemoteControlEnableParams | None, RemoteControlEnableResponse),
    "remoteControl/pairing/start": (RemoteControlPairingStartParams, RemoteControlPairingStartResponse),
    "remoteControl/pairing/status": (RemoteControlPairingStatusParams, RemoteControlPairingStatusResponse),
    "remoteControl/status/read": (NoneType, RemoteControlStatusReadResponse),
    "review/start": (ReviewStartParams, ReviewStartResponse),
    "rollout/compress": (NoneType, RolloutCompressResponse),
    "server/diagnostics": (ServerDiagnosticsParams, ServerDiagnosticsResponse),
    "skills/config/write": (SkillsConfigWriteParams, SkillsConfigWriteResponse),
    "skills/extraRoots/set": (SkillsExtraRootsSetParams, SkillsExtraRootsSetResponse),
    "skills/list": (SkillsListParams, SkillsListResponse),
    "thread/approveGuardianDeniedAction": (ThreadApproveGuardianDeniedActionParams, ThreadApproveGuardianDeniedActionResponse),
    "thread/archive": (ThreadArchiveParams, ThreadArchiveResponse),
    "thread/attachment/add": (ThreadAttachmentAddParams, ThreadAttachmentAddResponse),
    "thread/attachment/list": (ThreadAttachmentListParams, ThreadAttachmentListResponse),
    "thread/attachment/remove": (ThreadAttachmentRemoveParams, ThreadAttachmentRemoveResponse),
    "thread/attachmentOwner/list": (ThreadAttachmentOwnerListParams, ThreadAttachmentOwnerListResponse),
    "thread/backgroundTerminals/clean": (ThreadBackgroundTerminalsCleanParams, ThreadBackgroundTerminalsCleanResponse),
    "thread/backgroundTerminals/list": (ThreadBackgroundTerminalsListParams, ThreadBackgroundTerminalsListResponse),
    "thread/backgroundTerminals/terminate": (ThreadBackgroundTerminalsTerminateParams, ThreadBackgroundTerminalsTerminateResponse),
    "thread/compact/start": (ThreadCompactStartParams, ThreadCompactStartResponse),
    "thread/decrement_elicitation": (ThreadDecrementElicitationParams, ThreadDecrementElicitationResponse),
    "thread/delete": (ThreadDeleteParams, ThreadDeleteResponse),
    "thread/fork": (ThreadForkParams, ThreadForkResponse),
    "thread/goal/clear": (ThreadGoalClearParams, ThreadGoalClearResponse),
    "thread/goal/get": (ThreadGoalGetParams, ThreadGoalGetResponse),
    "thread/goal/set": (ThreadGoalSetParams, ThreadGoalSetResponse),
    "thread/increment_elicitation": (ThreadIncrementElicitationParams, ThreadIncrementElicitationResponse),
    "thread/inject_items": (ThreadInjectItemsParams, ThreadInjectItemsResponse),
    "thread/items/list": (ThreadItemsListParams, ThreadItemsListResponse),
    "thread/items/read": (ThreadItemsReadParams, ThreadItemsReadResponse),
    "thread/list": (ThreadListParams, ThreadListResponse),
    "thread/loaded/list": (ThreadLoadedListParams, ThreadLoadedListResponse),
    "thread/memoryMode/set": (ThreadMemoryModeSetParams, ThreadMemoryModeSetResponse),
    "thread/metadata/update": (ThreadMetadataUpdateParams, ThreadMetadataUpdateResponse),
    "thread/name/set": (ThreadSetNameParams, ThreadSetNameResponse),
    "thread/prediction/request": (ThreadPredictionRequestParams, ThreadPredictionRequestResponse),
    "thread/queue/add": (ThreadQueueAddParams, ThreadQueueAddResponse),
    "thread/queue/delete": (ThreadQueueDeleteParams, ThreadQueueDeleteResponse),
    "thread/queue/list": (ThreadQueueListParams, ThreadQueueListResponse),
    "thread/queue/reorder": (ThreadQueueReorderParams, ThreadQueueReorderResponse),
    "thread/queue/start": (ThreadQueueStartParams, ThreadQueueStartResponse),
    "thread/queue/update": (ThreadQueueUpdateParams, ThreadQueueUpdateResponse),
    "thread/read": (ThreadReadParams, ThreadReadResponse),
    "thread/readState/update": (ThreadReadStateUpdateParams, ThreadReadStateUpdateResponse),
    "thread/realtime/appendAudio": (ThreadRealtimeAppendAudioParams, ThreadRealtimeAppendAudioResponse),
    "thread/realtime/appendSpeech": (ThreadRealtimeAppendSpeechParams, ThreadRealtimeAppendSpeechResponse),
    "thread/realtime/appendText": (ThreadRealtimeAppendTextParams, ThreadRealtimeAppendTextResponse),
    "thread/realtime/listVoices": (ThreadRealtimeListVoicesParams, ThreadRealtimeListVoicesResponse),
    "thread/realtime/start": (ThreadRealtimeStartParams, ThreadRealtimeStartResponse),
    "thread/realtime/stop": (ThreadRealtimeStopParams, ThreadRealtimeStopResponse),
    "thread/resume": (ThreadResumeParams, ThreadResumeResponse),
    "thread/revert": (ThreadRevertParams, ThreadRevertResponse),
    "thread/search": (ThreadSearchParams, ThreadSearchResponse),
    "thread/searchOccurrences": (ThreadSearchOccurrencesParams, ThreadSearchOccurrencesResponse),
    "thread/section/move": (ThreadSectionMoveParams, ThreadSectionMoveResponse),
    "thread/settings/update": (ThreadSettingsUpdateParams, ThreadSettingsUpdateResponse),
    "thread/shellCommand": (ThreadShellCommandParams, ThreadShellCommandResponse),
    "thread/start": (ThreadStartParams, ThreadStartResponse),
    "thread/timeline/list": (ThreadTimelineListParams, ThreadTimelineListResponse),
    "thread/turns/list": (ThreadTurnsListParams, ThreadTurnsListResponse),
    "thread/unarchive": (ThreadUnarchiveParams, ThreadUnarchiveResponse),
    "thread/unsubscribe": (ThreadUnsubscribeParams, ThreadUnsubscribeResponse),
    "threadSection/create": (ThreadSectionCreateParams, ThreadSectionCreateResponse),
    "threadSection/delete": (ThreadSectionDeleteParams, ThreadSectionDeleteResponse),
    "threadSection/list": (ThreadSectionListParams, ThreadSectionListResponse),
    "threadSection/update": (ThreadSectionUpdateParams, ThreadSectionUpdateResponse),
    "turn/interrupt": (TurnInterruptParams, TurnInterruptResponse),
    "turn/settings/update": (TurnSettingsUpdateParams, TurnSettingsUpdateResponse),
    "turn/start": (TurnStartParams, TurnStartResponse),
    "turn/steer": (TurnSteerParams, TurnSteerResponse),
    "userVerification/cancel": (UserVerificationCancelParams, UserVerificationCancelResponse),
    "userVerification/delete": (UserVerificationDeleteParams, UserVerificationDeleteResponse),
    "userVerification/enroll": (UserVerificationEnrollParams, UserVerificationEnrollResponse),
    "userVerification/status": (UserVerificationStatusParams, UserVerificationStatusResponse),
    "userVerification/verify": (UserVerificationVerifyParams, UserVerificationVerifyResponse),
    "windowsSandbox/readiness": (NoneType, WindowsSandboxReadinessResponse),
    "windowsSandbox/setupStart": (WindowsSandboxSetupStartParams, WindowsSandboxSetupStartResponse),
}

#: Client notification method -> params class, or None when it carries no params.
CLIENT_NOTIFICATIONS: Final[dict[str, type | None]] = {
    "initialized": None,
}

__all__ = [
    "AbsolutePathBuf",
    "AcceptWithExecpolicyAmendmentCommandExecutionApprovalDecision",
    "AcceptWithExecpolicyAmendmentCommandExecutionApprovalDecisionBody",
    "Account",
    "AccountLoginCompletedNotification",
    "AccountRateLimitsUpdatedNotification",
    "AccountRoutingOverride",
    "AccountTokenUsageDailyBucket",
    "AccountTokenUsageSummary",
    "AccountUpdatedNotification",
    "ActivePermissionProfile",
    "ActiveThreadStatus",
    "ActiveTurnNotSteerableCodexErrorInfo",
    "ActiveTurnNotSteerableCodexErrorInfoBody",
    "AddCreditsNudgeCreditType",
    "AddCreditsNudgeEmailStatus",
    "AddFileChange",
    "AddPatchChangeKind",
    "AdditionalContextEntry",
    "AdditionalContextKind",
    "AdditionalFileSystemPermissions",
    "AdditionalNetworkPermissions",
    "AdditionalPermissionProfile",
    "AdditionalToolsResponseItem",
    "AgentConfiguredHookHandler",
    "AgentHookMetadata",
    "AgentMessageDelivery",
    "AgentMessageDeltaNotification",
    "AgentMessageInputContent",
    "AgentMessageResponseItem",
    "AgentMessageThreadItem",
    "AgentPath",
    "AllowDenyRequirement",
    "AmazonBedrockAccessKeysLoginAccountParams",
    "AmazonBedrockAccount",
    "AmazonBedrockLoginAccountParams",
    "AmazonBedrockLoginAccountResponse",
    "AnalyticsConfig",
    "ApiKeyAccount",
    "ApiKeyLoginAccountParams",
    "ApiKeyLoginAccountResponse",
    "AppBranding",
    "AppConfig",
    "AppInfo",
    "AppLinkConfig",
    "AppLinksConfig",
    "AppListUpdatedNotification",
    "AppMetadata",
    "AppReview",
    "AppScreenshot",
    "AppSummary",
    "AppTemplateSummary",
    "AppTemplateUnavailableReason",
    "AppToolApproval",
    "AppToolConfig",
    "AppToolSummary",
    "AppToolsConfig",
    "ApplicationNetworkRequirements",
    "ApplicationRequirements",
    "ApplyNetworkPolicyAmendmentCommandExecutionApprovalDecision",
    "ApplyNetworkPolicyAmendmentCommandExecutionApprovalDecisionBody",
    "ApplyPatchApprovalParams",
    "ApplyPatchApprovalResponse",
    "ApplyPatchGuardianApprovalReviewAction",
    "ApprovalsReviewer",
    "ApprovedExecpolicyAmendmentReviewDecision",
    "ApprovedExecpolicyAmendmentReviewDecisionBody",
    "AppsConfig",
    "AppsDefaultConfig",
    "AppsInstalledParams",
    "AppsInstalledResponse",
    "AppsListParams",
    "AppsListResponse",
    "AppsReadParams",
    "AppsReadResponse",
    "AskForApproval",
    "AsyncUserInputQuestion",
    "AttestationGenerateParams",
    "AttestationGenerateResponse",
    "AudioUserInput",
    "AuthMode",
    "AuthRecoveryNotification",
    "AutoCompactTokenLimitScope",
    "AutoReviewDecisionSource",
    "AutoReviewRequirements",
    "AwsCredentialType",
    "BaseBranchReviewTarget",
    "BedrockAwsProfile",
    "BedrockCheckGovCloudRequirementsParams",
    "BedrockCheckGovCloudRequirementsResponse",
    "BedrockDiscoverParams",
    "BedrockDiscoverResponse",
    "BedrockEnvironmentCredential",
    "BedrockSetupParams",
    "BedrockSetupResponse",
    "BemItemPromotedThreadRealtimeItem",
    "BlobResourceContent",
    "BrowserUseAccessApprovalLifetime",
    "BrowserUseConfig",
    "BrowserUseExtensionRequirements",
    "BrowserUseOriginPolicy",
    "BrowserUseOriginPolicyConfig",
    "BrowserUseRequirements",
    "ByteRange",
    "CLIENT_NOTIFICATIONS",
    "CLIENT_REQUESTS",
    "CancelLoginAccountParams",
    "CancelLoginAccountResponse",
    "CancelLoginAccountStatus",
    "CancelledUserVerificationErrorDetails",
    "CapabilityRootLocation",
    "ChatgptAccount",
    "ChatgptAuthTokensLoginAccountParams",
    "ChatgptAuthTokensLoginAccountResponse",
    "ChatgptAuthTokensRefreshParams",
    "ChatgptAuthTokensRefreshReason",
    "ChatgptAuthTokensRefreshResponse",
    "ChatgptDeviceCodeLoginAccountParams",
    "ChatgptDeviceCodeLoginAccountResponse",
    "ChatgptLoginAccountParams",
    "ChatgptLoginAccountResponse",
    "CliAuthCredentialsStoreMode",
    "ClientInfo",
    "CodexErrorInfo",
    "CodexResponseHandoffMode",
    "CollabAgentState",
    "CollabAgentStatus",
    "CollabAgentTool",
    "CollabAgentToolCallStatus",
    "CollabAgentToolCallThreadItem",
    "CollaborationMode",
    "CollaborationModeListParams",
    "CollaborationModeListResponse",
    "CollaborationModeMask",
    "CommandAction",
    "CommandConfiguredHookHandler",
    "CommandExecOutputDeltaNotification",
    "CommandExecOutputStream",
    "CommandExecParams",
    "CommandExecResizeParams",
    "CommandExecResizeResponse",
    "CommandExecResponse",
    "CommandExecTerminalSize",
    "CommandExecTerminateParams",
    "CommandExecTerminateResponse",
    "CommandExecWriteParams",
    "CommandExecWriteResponse",
    "CommandExecutionApprovalDecision",
    "CommandExecutionApprovalKind",
    "CommandExecutionOutputDeltaNotification",
    "CommandExecutionRequestApprovalParams",
    "CommandExecutionRequestApprovalResponse",
    "CommandExecutionSource",
    "CommandExecutionStatus",
    "CommandExecutionThreadItem",
    "CommandGuardianApprovalReviewAction",
    "CommandHookMetadata",
    "CommandMigration",
    "CommitReviewTarget",
    "CompactionResponseItem",
    "CompactionTriggerResponseItem",
    "CompletedThreadPredictionResult",
    "ComputerUseConfig",
    "ComputerUseMacosConfig",
    "ComputerUseMacosRequirements",
    "ComputerUseRequirements",
    "ComputerUseWindowsConfig",
    "ComputerUseWindowsExeConfig",
    "ComputerUseWindowsExeRequirement",
    "ComputerUseWindowsRequirements",
    "Config",
    "ConfigBatchWriteParams",
    "ConfigEdit",
    "ConfigLayer",
    "ConfigLayerMetadata",
    "ConfigLayerSource",
    "ConfigReadParams",
    "ConfigReadResponse",
    "ConfigRequirements",
    "ConfigRequirementsReadResponse",
    "ConfigValueWriteParams",
    "ConfigWarningNotification",
    "ConfigWriteResponse",
    "ConfigurationReasoning",
    "ConfigurationUpdateResponseItem",
    "ConfiguredHookHandler",
    "ConfiguredHookMatcherGroup",
    "ConnectorMetadata",
    "ConsumeAccountRateLimitResetCreditOutcome",
    "ConsumeAccountRateLimitResetCreditParams",
    "ConsumeAccountRateLimitResetCreditResponse",
    "ContentItem",
    "ContextCompactedNotification",
    "ContextCompactionResponseItem",
    "ContextCompactionThreadItem",
    "ConversationTextRole",
    "CreditsSnapshot",
    "CurrentTimeReadParams",
    "CurrentTimeReadResponse",
    "CustomMultiAgentMode",
    "CustomReviewTarget",
    "CustomSessionSource",
    "CustomToolCallOutputResponseItem",
    "CustomToolCallResponseItem",
    "CyberAccessProgram",
    "DailyScheduledTaskSchedule",
    "DangerFullAccessSandboxPolicy",
    "DeleteFileChange",
    "DeletePatchChangeKind",
    "DeniedReviewDecision",
    "DeniedReviewDecisionBody",
    "DeprecationNoticeNotification",
    "DesktopOnboardingEntrypoint",
    "DynamicToolCallOutputContentItem",
    "DynamicToolCallParams",
    "DynamicToolCallResponse",
    "DynamicToolCallStatus",
    "DynamicToolCallThreadItem",
    "DynamicToolNamespaceTool",
    "DynamicToolSpec",
    "EncryptedContentAgentMessageInputContent",
    "EncryptedContentFunctionCallOutputContentItem",
    "EnteredReviewModeThreadItem",
    "EnterpriseManagedConfigLayerSource",
    "EnvironmentAddParams",
    "EnvironmentAddResponse",
    "EnvironmentBedrockSetupParams",
    "EnvironmentCapabilityRootLocation",
    "EnvironmentConnectionNotification",
    "EnvironmentInfoParams",
    "EnvironmentInfoResponse",
    "EnvironmentShellInfo",
    "EnvironmentSkillsParams",
    "EnvironmentStatusKind",
    "EnvironmentStatusParams",
    "EnvironmentStatusResponse",
    "ErrorNotification",
    "ExecCommandApprovalParams",
    "ExecCommandApprovalResponse",
    "ExecLocalShellAction",
    "ExecveGuardianApprovalReviewAction",
    "ExistingCallThreadRealtimeStartTransport",
    "ExitedReviewModeThreadItem",
    "ExperimentalFeature",
    "ExperimentalFeatureEnablementSetParams",
    "ExperimentalFeatureEnablementSetResponse",
    "ExperimentalFeatureListParams",
    "ExperimentalFeatureListResponse",
    "ExperimentalFeatureStage",
    "ExternalAgentConfigDetectParams",
    "ExternalAgentConfigDetectResponse",
    "ExternalAgentConfigImportCompletedNotification",
    "ExternalAgentConfigImportHistoriesReadResponse",
    "ExternalAgentConfigImportHistory",
    "ExternalAgentConfigImportHistoryRecordParams",
    "ExternalAgentConfigImportHistoryRecordResponse",
    "ExternalAgentConfigImportHistoryRecordSuccessParams",
    "ExternalAgentConfigImportHistoryRecordTypeResultParams",
    "ExternalAgentConfigImportItemTypeFailure",
    "ExternalAgentConfigImportItemTypeSuccess",
    "ExternalAgentConfigImportParams",
    "ExternalAgentConfigImportProgressNotification",
    "ExternalAgentConfigImportResponse",
    "ExternalAgentConfigImportTypeResult",
    "ExternalAgentConfigMigrationItem",
    "ExternalAgentConfigMigrationItemType",
    "ExternalAgentDetectedConnectorCandidate",
    "ExternalAgentDetectedConnectorSource",
    "ExternalAgentImportedConnectorCandidate",
    "ExternalAgentImportedConnectorSource",
    "ExternalSandboxSandboxPolicy",
    "FailedThreadPredictionResult",
    "FailedUserVerificationErrorDetails",
    "FeedbackRequirements",
    "FeedbackUploadParams",
    "FeedbackUploadResponse",
    "FileChange",
    "FileChangeApprovalDecision",
    "FileChangeOutputDeltaNotification",
    "FileChangePatchUpdatedNotification",
    "FileChangeRequestApprovalParams",
    "FileChangeRequestApprovalResponse",
    "FileChangeThreadItem",
    "FileSystemAccessMode",
    "FileSystemPath",
    "FileSystemSandboxEntry",
    "FileSystemSpecialPath",
    "FileUpdateChange",
    "FindInPageResponsesApiWebSearchAction",
    "FindInPageWebSearchAction",
    "ForcedChatgptWorkspaceIds",
    "ForcedLoginMethod",
    "FormMcpServerElicitationRequestParams",
    "FsChangedNotification",
    "FsCopyParams",
    "FsCopyResponse",
    "FsCreateDirectoryParams",
    "FsCreateDirectoryResponse",
    "FsGetMetadataParams",
    "FsGetMetadataResponse",
    "FsReadDirectoryEntry",
    "FsReadDirectoryParams",
    "FsReadDirectoryResponse",
    "FsReadFileParams",
    "FsReadFileResponse",
    "FsRemoveParams",
    "FsRemoveResponse",
    "FsUnwatchParams",
    "FsUnwatchResponse",
    "FsWatchParams",
    "FsWatchResponse",
    "FsWriteFileParams",
    "FsWriteFileResponse",
    "FunctionCallOutputBody",
    "FunctionCallOutputContentItem",
    "FunctionCallOutputResponseItem",
    "FunctionCallOutputThreadItem",
    "FunctionCallResponseItem",
    "FunctionDynamicToolNamespaceTool",
    "FunctionDynamicToolSpec",
    "FuzzyFileSearchMatchType",
    "FuzzyFileSearchParams",
    "FuzzyFileSearchResponse",
    "FuzzyFileSearchResult",
    "FuzzyFileSearchSessionCompletedNotification",
    "FuzzyFileSearchSessionStartParams",
    "FuzzyFileSearchSessionStartResponse",
    "FuzzyFileSearchSessionStopParams",
    "FuzzyFileSearchSessionStopResponse",
    "FuzzyFileSearchSessionUpdateParams",
    "FuzzyFileSearchSessionUpdateResponse",
    "FuzzyFileSearchSessionUpdatedNotification",
    "GatewayOAuthCancelResponse",
    "GatewayOAuthChangedNotification",
    "GatewayOAuthLoginResponse",
    "GatewayOAuthReadResponse",
    "GatewayOAuthStatus",
    "GetAccountParams",
    "GetAccountRateLimitsParams",
    "GetAccountRateLimitsResponse",
    "GetAccountResponse",
    "GetAccountTokenUsageParams",
    "GetAccountTokenUsageResponse",
    "GetWorkspaceMessagesResponse",
    "GitInfo",
    "GitPluginSource",
    "GlobPatternFileSystemPath",
    "GrantedPermissionProfile",
    "GranularAskForApproval",
    "GranularAskForApprovalBody",
    "GuardianApprovalReview",
    "GuardianApprovalReviewAction",
    "GuardianApprovalReviewStatus",
    "GuardianCommandSource",
    "GuardianRiskLevel",
    "GuardianUserAuthorization",
    "GuardianWarningNotification",
    "HookCompletedNotification",
    "HookErrorInfo",
    "HookEventName",
    "HookExecutionMode",
    "HookHandlerType",
    "HookMetadata",
    "HookMigration",
    "HookOutputEntry",
    "HookOutputEntryKind",
    "HookPromptFragment",
    "HookPromptThreadItem",
    "HookRunStatus",
    "HookRunSummary",
    "HookScope",
    "HookSource",
    "HookStartedNotification",
    "HookTrustStatus",
    "HooksListEntry",
    "HooksListParams",
    "HooksListResponse",
    "HourlyScheduledTaskSchedule",
    "HttpConnectionFailedCodexErrorInfo",
    "HttpConnectionFailedCodexErrorInfoBody",
    "IdleThreadStatus",
    "ImageDetail",
    "ImageGenerationCallResponseItem",
    "ImageGenerationFailure",
    "ImageGenerationThreadItem",
    "ImageUserInput",
    "ImageViewThreadItem",
    "InAppBrowserRequirements",
    "InitializeCapabilities",
    "InitializeParams",
    "InitializeResponse",
    "InlineMarkdownThreadRealtimeBemItemPresentation",
    "InlineVisualizationThreadRealtimeBemItemPresentation",
    "InputAudioContentItem",
    "InputAudioDynamicToolCallOutputContentItem",
    "InputAudioFunctionCallOutputContentItem",
    "InputImageContentItem",
    "InputImageDynamicToolCallOutputContentItem",
    "InputImageFunctionCallOutputContentItem",
    "InputModality",
    "InputTextAgentMessageInputContent",
    "InputTextContentItem",
    "InputTextDynamicToolCallOutputContentItem",
    "InputTextFunctionCallOutputContentItem",
    "InstalledApp",
    "InternalChatMessageMetadataPassthrough",
    "InvalidRequestUserVerificationErrorDetails",
    "ItemCompletedNotification",
    "ItemGuardianApprovalReviewCompletedNotification",
    "ItemGuardianApprovalReviewStartedNotification",
    "ItemStartedNotification",
    "ItemThreadItemsListAnchor",
    "ItemThreadTimelineEntry",
    "JSONRPCError",
    "JSONRPCErrorError",
    "JSONRPCMessage",
    "JSONRPCNotification",
    "JSONRPCRequest",
    "JSONRPCResponse",
    "KindFileSystemSpecialPath",
    "LegacyAppPathString",
    "LegacyManagedConfigTomlFromFileConfigLayerSource",
    "LegacyManagedConfigTomlFromMdmConfigLayerSource",
    "ListFilesCommandAction",
    "ListFilesParsedCommand",
    "ListMcpServerStatusParams",
    "ListMcpServerStatusResponse",
    "LocalAudioUserInput",
    "LocalImageUserInput",
    "LocalPluginSource",
    "LocalShellAction",
    "LocalShellCallResponseItem",
    "LocalShellStatus",
    "LoginAccountParams",
    "LoginAccountResponse",
    "LoginAppBrand",
    "LogoutAccountResponse",
    "ManagedHooksRequirements",
    "MarketplaceAddParams",
    "MarketplaceAddResponse",
    "MarketplaceInterface",
    "MarketplaceLoadErrorInfo",
    "MarketplaceRemoveParams",
    "MarketplaceRemoveResponse",
    "MarketplaceUpgradeErrorInfo",
    "MarketplaceUpgradeParams",
    "MarketplaceUpgradeResponse",
    "McpAppDisplayMode",
    "McpAppUi",
    "McpAuthStatus",
    "McpElicitationArrayType",
    "McpElicitationBooleanSchema",
    "McpElicitationBooleanType",
    "McpElicitationConstOption",
    "McpElicitationEnumSchema",
    "McpElicitationLegacyTitledEnumSchema",
    "McpElicitationMultiSelectEnumSchema",
    "McpElicitationNumberSchema",
    "McpElicitationNumberType",
    "McpElicitationObjectType",
    "McpElicitationPrimitiveSchema",
    "McpElicitationSchema",
    "McpElicitationSingleSelectEnumSchema",
    "McpElicitationStringFormat",
    "McpElicitationStringSchema",
    "McpElicitationStringType",
    "McpElicitationTitledEnumItems",
    "McpElicitationTitledMultiSelectEnumSchema",
    "McpElicitationTitledSingleSelectEnumSchema",
    "McpElicitationUntitledEnumItems",
    "McpElicitationUntitledMultiSelectEnumSchema",
    "McpElicitationUntitledSingleSelectEnumSchema",
    "McpResourceReadParams",
    "McpResourceReadResponse",
    "McpResourceReadTarget",
    "McpServerConnectionStatus",
    "McpServerElicitationAction",
    "McpServerElicitationRequestParams",
    "McpServerElicitationRequestResponse",
    "McpServerEventNotification",
    "McpServerEventStreamNotification",
    "McpServerEventStreamStartParams",
    "McpServerEventStreamStartResponse",
    "McpServerEventStreamStopParams",
    "McpServerEventStreamStopResponse",
    "McpServerInfo",
    "McpServerMigration",
    "McpServerOauthClientRegistration",
    "McpServerOauthLoginCompletedNotification",
    "McpServerOauthLoginParams",
    "McpServerOauthLoginResponse",
    "McpServerRefreshResponse",
    "McpServerStartupFailureReason",
    "McpServerStartupState",
    "McpServerStatus",
    "McpServerStatusDetail",
    "McpServerStatusUpdatedNotification",
    "McpServerToolCallParams",
    "McpServerToolCallResponse",
    "McpToolCallAppContext",
    "McpToolCallError",
    "McpToolCallGuardianApprovalReviewAction",
    "McpToolCallProgressNotification",
    "McpToolCallResult",
    "McpToolCallStatus",
    "McpToolCallThreadItem",
    "McpToolConfiguredHookHandler",
    "McpToolHookMetadata",
    "MdmConfigLayerSource",
    "MemoryCitation",
    "MemoryCitationEntry",
    "MemoryResetResponse",
    "MemoryStatusParams",
    "MemoryStatusResponse",
    "MentionUserInput",
    "MergeStrategy",
    "MessagePhase",
    "MessageResponseItem",
    "MigrationDetails",
    "MinimalFileSystemSpecialPath",
    "MisalignmentErrorDetails",
    "MisalignmentSteer",
    "MockExperimentalMethodParams",
    "MockExperimentalMethodResponse",
    "ModeKind",
    "Model",
    "ModelAccessPrograms",
    "ModelAvailabilityNux",
    "ModelListParams",
    "ModelListResponse",
    "ModelProviderCapabilitiesReadParams",
    "ModelProviderCapabilitiesReadResponse",
    "ModelRerouteReason",
    "ModelReroutedNotification",
    "ModelSafetyBufferingUpdatedNotification",
    "ModelServiceTier",
    "ModelUpgradeInfo",
    "ModelVerification",
    "ModelVerificationNotification",
    "ModelsRequirements",
    "MultiAgentMode",
    "MultiAgentVersion",
    "NamespaceDynamicToolSpec",
    "NetworkAccess",
    "NetworkAccessGuardianApprovalReviewAction",
    "NetworkApprovalContext",
    "NetworkApprovalProtocol",
    "NetworkDomainPermission",
    "NetworkPolicyAmendment",
    "NetworkPolicyAmendmentReviewDecision",
    "NetworkPolicyAmendmentReviewDecisionBody",
    "NetworkPolicyRuleAction",
    "NetworkRequirements",
    "NetworkUnixSocketPermission",
    "NewThreadModelDefaults",
    "NonSteerableTurnKind",
    "NotLoadedThreadStatus",
    "NpmPluginSource",
    "NullableGetAccountRateLimitsParams",
    "NullableGetAccountTokenUsageParams",
    "NullableRemoteControlDisableParams",
    "NullableRemoteControlEnableParams",
    "OpenPageResponsesApiWebSearchAction",
    "OpenPageWebSearchAction",
    "OpenaiFormMcpServerElicitationRequestParams",
    "OpenaiFormMcpServerElicitationRequestParams2",
    "OpenaiUserVerificationMcpServerElicitationRequestParams",
    "OtherResponseItem",
    "OtherResponsesApiWebSearchAction",
    "OtherSubAgentSource",
    "OtherWebSearchAction",
    "OutputTextContentItem",
    "OverriddenMetadata",
    "PackagedDefaultsConfigLayerSource",
    "ParsedCommand",
    "PatchApplyStatus",
    "PatchChangeKind",
    "PathFileSystemPath",
    "PathUri",
    "PermissionGrantScope",
    "PermissionProfileListParams",
    "PermissionProfileListResponse",
    "PermissionProfileSummary",
    "PermissionsRequestApprovalParams",
    "PermissionsRequestApprovalResponse",
    "Personality",
    "PlanDeltaNotification",
    "PlanThreadItem",
    "PlanType",
    "PluginAuthPolicy",
    "PluginAvailability",
    "PluginDetail",
    "PluginDisabledReason",
    "PluginHookSummary",
    "PluginInstallParams",
    "PluginInstallPolicy",
    "PluginInstallPolicySource",
    "PluginInstallResponse",
    "PluginInstalledParams",
    "PluginInstalledResponse",
    "PluginInterface",
    "PluginListMarketplaceKind",
    "PluginListParams",
    "PluginListResponse",
    "PluginMarketplaceEntry",
    "PluginReadParams",
    "PluginReadResponse",
    "PluginReconcileChangedPlugin",
    "PluginReconcileParams",
    "PluginReconcileResponse",
    "PluginSearchParams",
    "PluginSearchResponse",
    "PluginSearchResult",
    "PluginSearchScope",
    "PluginShareCheckoutParams",
    "PluginShareCheckoutResponse",
    "PluginShareContext",
    "PluginShareDeleteParams",
    "PluginShareDeleteResponse",
    "PluginShareDiscoverability",
    "PluginShareListItem",
    "PluginShareListParams",
    "PluginShareListResponse",
    "PluginSharePrincipal",
    "PluginSharePrincipalRole",
    "PluginSharePrincipalType",
    "PluginShareSaveParams",
    "PluginShareSaveResponse",
    "PluginShareTarget",
    "PluginShareTargetRole",
    "PluginShareUpdateDiscoverability",
    "PluginShareUpdateTargetsParams",
    "PluginShareUpdateTargetsResponse",
    "PluginSkillReadParams",
    "PluginSkillReadResponse",
    "PluginSource",
    "PluginSummary",
    "PluginUninstallParams",
    "PluginUninstallResponse",
    "PluginsMigration",
    "ProcessExitedNotification",
    "ProcessKillParams",
    "ProcessKillResponse",
    "ProcessOutputDeltaNotification",
    "ProcessOutputStream",
    "ProcessResizePtyParams",
    "ProcessResizePtyResponse",
    "ProcessSpawnParams",
    "ProcessSpawnResponse",
    "ProcessTerminalSize",
    "ProcessWriteStdinParams",
    "ProcessWriteStdinResponse",
    "ProfileBedrockSetupParams",
    "Project",
    "ProjectChangeType",
    "ProjectChangedNotification",
    "ProjectConfigLayerSource",
    "ProjectCreateParams",
    "ProjectCreateResponse",
    "ProjectDeleteParams",
    "ProjectDeleteResponse",
    "ProjectImportParams",
    "ProjectImportResponse",
    "ProjectListParams",
    "ProjectListResponse",
    "ProjectMoveParams",
    "ProjectMoveResponse",
    "ProjectReadParams",
    "ProjectReadResponse",
    "ProjectRoot",
    "ProjectSortKey",
    "ProjectUpdateParams",
    "ProjectUpdateResponse",
    "PromptConfiguredHookHandler",
    "PromptHookMetadata",
    "QueuedSubmission",
    "RUNTIME_VERSION",
    "RateLimitReachedType",
    "RateLimitResetCredit",
    "RateLimitResetCreditStatus",
    "RateLimitResetCreditsSummary",
    "RateLimitResetType",
    "RateLimitSnapshot",
    "RateLimitWindow",
    "RawResponseCompletedNotification",
    "RawResponseItemCompletedNotification",
    "ReadCommandAction",
    "ReadOnlySandboxPolicy",
    "ReadParsedCommand",
    "ReadThreadReadStateOperation",
    "RealtimeConversationVersion",
    "RealtimeOutputModality",
    "RealtimeSessionClosedThreadRealtimeItem",
    "RealtimeSessionStartedThreadRealtimeItem",
    "RealtimeThreadTimelineEntry",
    "RealtimeVoice",
    "RealtimeVoicesList",
    "ReasoningEffort",
    "ReasoningEffortOption",
    "ReasoningItemContent",
    "ReasoningItemReasoningSummary",
    "ReasoningResponseItem",
    "ReasoningSummary",
    "ReasoningSummaryPartAddedNotification",
    "ReasoningSummaryTextDeltaNotification",
    "ReasoningTextDeltaNotification",
    "ReasoningTextReasoningItemContent",
    "ReasoningThreadItem",
    "RemoteControlClient",
    "RemoteControlClientsListOrder",
    "RemoteControlClientsListParams",
    "RemoteControlClientsListResponse",
    "RemoteControlClientsRevokeParams",
    "RemoteControlClientsRevokeResponse",
    "RemoteControlConnectionStatus",
    "RemoteControlDisableParams",
    "RemoteControlDisableResponse",
    "RemoteControlEnableParams",
    "RemoteControlEnableResponse",
    "RemoteControlPairingStartParams",
    "RemoteControlPairingStartResponse",
    "RemoteControlPairingStatusParams",
    "RemoteControlPairingStatusResponse",
    "RemoteControlStatusChangedNotification",
    "RemoteControlStatusReadResponse",
    "RemotePluginSource",
    "RequestHeader",
    "RequestId",
    "RequestPermissionProfile",
    "RequestPermissionsGuardianApprovalReviewAction",
    "ResidencyRequirement",
    "Resource",
    "ResourceContent",
    "ResourceTemplate",
    "ResponseItem",
    "ResponseStreamConnectionFailedCodexErrorInfo",
    "ResponseStreamConnectionFailedCodexErrorInfoBody",
    "ResponseStreamDisconnectedCodexErrorInfo",
    "ResponseStreamDisconnectedCodexErrorInfoBody",
    "ResponseTooManyFailedAttemptsCodexErrorInfo",
    "ResponseTooManyFailedAttemptsCodexErrorInfoBody",
    "ResponseUsageMetadata",
    "ResponsesApiWebSearchAction",
    "ReviewDecision",
    "ReviewDelivery",
    "ReviewStartParams",
    "ReviewStartResponse",
    "ReviewTarget",
    "RolloutCompressResponse",
    "RootFileSystemSpecialPath",
    "SERVER_NOTIFICATIONS",
    "SERVER_REQUESTS",
    "SandboxMode",
    "SandboxPolicy",
    "SandboxWorkspaceWrite",
    "ScheduledTaskSchedule",
    "ScheduledTaskSummary",
    "ScheduledTaskWeekday",
    "SearchCommandAction",
    "SearchParsedCommand",
    "SearchResponsesApiWebSearchAction",
    "SearchWebSearchAction",
    "SelectedCapabilityRoot",
    "SendAddCreditsNudgeEmailParams",
    "SendAddCreditsNudgeEmailResponse",
    "ServerDiagnosticsGauge",
    "ServerDiagnosticsParams",
    "ServerDiagnosticsProcess",
    "ServerDiagnosticsResponse",
    "ServerRequestResolvedNotification",
    "SessionFlagsConfigLayerSource",
    "SessionMigration",
    "SessionSource",
    "Settings",
    "SkillDependencies",
    "SkillErrorInfo",
    "SkillInterface",
    "SkillMetadata",
    "SkillMigration",
    "SkillScope",
    "SkillSummary",
    "SkillToolDependency",
    "SkillUserInput",
    "SkillsChangedNotification",
    "SkillsConfigWriteParams",
    "SkillsConfigWriteResponse",
    "SkillsExtraRootsSetParams",
    "SkillsExtraRootsSetResponse",
    "SkillsListEntry",
    "SkillsListParams",
    "SkillsListResponse",
    "SlashTmpFileSystemSpecialPath",
    "SleepThreadItem",
    "SortDirection",
    "SpecialFileSystemPath",
    "SpendControlLimitSnapshot",
    "StrictReviewRequiredNotification",
    "SubAgentActivityKind",
    "SubAgentActivityThreadItem",
    "SubAgentSessionSource",
    "SubAgentSource",
    "SubagentMigration",
    "SummaryTextReasoningItemReasoningSummary",
    "SystemConfigLayerSource",
    "SystemErrorThreadStatus",
    "TerminalInteractionNotification",
    "TextElement",
    "TextPosition",
    "TextRange",
    "TextReasoningItemContent",
    "TextResourceContent",
    "TextUserInput",
    "Thread",
    "ThreadActiveFlag",
    "ThreadApproveGuardianDeniedActionParams",
    "ThreadApproveGuardianDeniedActionResponse",
    "ThreadArchiveParams",
    "ThreadArchiveResponse",
    "ThreadArchivedNotification",
    "ThreadAttachment",
    "ThreadAttachmentAddOutcome",
    "ThreadAttachmentAddParams",
    "ThreadAttachmentAddResponse",
    "ThreadAttachmentListParams",
    "ThreadAttachmentListResponse",
    "ThreadAttachmentOperation",
    "ThreadAttachmentOwner",
    "ThreadAttachmentOwnerListParams",
    "ThreadAttachmentOwnerListResponse",
    "ThreadAttachmentRemoveParams",
    "ThreadAttachmentRemoveResponse",
    "ThreadAttachmentUpdatedNotification",
    "ThreadBackgroundTerminal",
    "ThreadBackgroundTerminalsCleanParams",
    "ThreadBackgroundTerminalsCleanResponse",
    "ThreadBackgroundTerminalsListParams",
    "ThreadBackgroundTerminalsListResponse",
    "ThreadBackgroundTerminalsTerminateParams",
    "ThreadBackgroundTerminalsTerminateResponse",
    "ThreadClosedNotification",
    "ThreadCompactStartParams",
    "ThreadCompactStartResponse",
    "ThreadDecrementElicitationParams",
    "ThreadDecrementElicitationResponse",
    "ThreadDeleteParams",
    "ThreadDeleteResponse",
    "ThreadDeletedNotification",
    "ThreadEnvironment",
    "ThreadExtra",
    "ThreadForkParams",
    "ThreadForkResponse",
    "ThreadGoal",
    "ThreadGoalClearParams",
    "ThreadGoalClearResponse",
    "ThreadGoalClearedNotification",
    "ThreadGoalGetParams",
    "ThreadGoalGetResponse",
    "ThreadGoalMutationOrigin",
    "ThreadGoalSetParams",
    "ThreadGoalSetResponse",
    "ThreadGoalStatus",
    "ThreadGoalUpdatedNotification",
    "ThreadHistoryMode",
    "ThreadId",
    "ThreadIncrementElicitationParams",
    "ThreadIncrementElicitationResponse",
    "ThreadInjectItemsParams",
    "ThreadInjectItemsResponse",
    "ThreadItem",
    "ThreadItemEntry",
    "ThreadItemsListAnchor",
    "ThreadItemsListCursor",
    "ThreadItemsListParams",
    "ThreadItemsListResponse",
    "ThreadItemsReadParams",
    "ThreadItemsReadResponse",
    "ThreadListCwdFilter",
    "ThreadListParams",
    "ThreadListResponse",
    "ThreadLoadedListParams",
    "ThreadLoadedListResponse",
    "ThreadMemoryMode",
    "ThreadMemoryModeSetParams",
    "ThreadMemoryModeSetResponse",
    "ThreadMetadataGitInfoUpdateParams",
    "ThreadMetadataUpdateParams",
    "ThreadMetadataUpdateResponse",
    "ThreadNameUpdatedNotification",
    "ThreadPredictionRequestParams",
    "ThreadPredictionRequestResponse",
    "ThreadPredictionResult",
    "ThreadPredictionUpdatedNotification",
    "ThreadProjectUpdatedNotification",
    "ThreadQueueAddParams",
    "ThreadQueueAddResponse",
    "ThreadQueueChangedNotification",
    "ThreadQueueDeleteParams",
    "ThreadQueueDeleteResponse",
    "ThreadQueueListParams",
    "ThreadQueueListResponse",
    "ThreadQueueReorderParams",
    "ThreadQueueReorderResponse",
    "ThreadQueueStartParams",
    "ThreadQueueStartResponse",
    "ThreadQueueUpdateParams",
    "ThreadQueueUpdateResponse",
    "ThreadReadParams",
    "ThreadReadResponse",
    "ThreadReadState",
    "ThreadReadStateChangedNotification",
    "ThreadReadStateOperation",
    "ThreadReadStateUpdateParams",
    "ThreadReadStateUpdateResponse",
    "ThreadRealtimeAppendAudioParams",
    "ThreadRealtimeAppendAudioResponse",
    "ThreadRealtimeAppendSpeechParams",
    "ThreadRealtimeAppendSpeechResponse",
    "ThreadRealtimeAppendTextParams",
    "ThreadRealtimeAppendTextResponse",
    "ThreadRealtimeAudioChunk",
    "ThreadRealtimeBemItemPresentation",
    "ThreadRealtimeClosedNotification",
    "ThreadRealtimeErrorNotification",
    "ThreadRealtimeInitialItem",
    "ThreadRealtimeItem",
    "ThreadRealtimeItemAddedNotification",
    "ThreadRealtimeItemCompletedNotification",
    "ThreadRealtimeItemStartedNotification",
    "ThreadRealtimeItemTranscriptDeltaNotification",
    "ThreadRealtimeListVoicesParams",
    "ThreadRealtimeListVoicesResponse",
    "ThreadRealtimeOutputAudioDeltaNotification",
    "ThreadRealtimeSdpNotification",
    "ThreadRealtimeSessionOutcome",
    "ThreadRealtimeStartParams",
    "ThreadRealtimeStartResponse",
    "ThreadRealtimeStartTransport",
    "ThreadRealtimeStartedNotification",
    "ThreadRealtimeStopParams",
    "ThreadRealtimeStopResponse",
    "ThreadRealtimeTranscriptDeltaNotification",
    "ThreadRealtimeTranscriptDoneNotification",
    "ThreadRealtimeTranscriptRole",
    "ThreadResumeInitialTurnsPageParams",
    "ThreadResumeParams",
    "ThreadResumeResponse",
    "ThreadRevertParams",
    "ThreadRevertResponse",
    "ThreadRevertedNotification",
    "ThreadSearchOccurrence",
    "ThreadSearchOccurrencesParams",
    "ThreadSearchOccurrencesResponse",
    "ThreadSearchParams",
    "ThreadSearchResponse",
    "ThreadSearchResult",
    "ThreadSearchSortKey",
    "ThreadSearchTextRange",
    "ThreadSection",
    "ThreadSectionAppearance",
    "ThreadSectionCreateParams",
    "ThreadSectionCreateResponse",
    "ThreadSectionDeleteParams",
    "ThreadSectionDeleteResponse",
    "ThreadSectionListParams",
    "ThreadSectionListResponse",
    "ThreadSectionMoveParams",
    "ThreadSectionMoveResponse",
    "ThreadSectionUpdateParams",
    "ThreadSectionUpdateResponse",
    "ThreadSetNameParams",
    "ThreadSetNameResponse",
    "ThreadSettings",
    "ThreadSettingsUpdateParams",
    "ThreadSettingsUpdateResponse",
    "ThreadSettingsUpdatedNotification",
    "ThreadShellCommandParams",
    "ThreadShellCommandResponse",
    "ThreadSortKey",
    "ThreadSource",
    "ThreadSourceKind",
    "ThreadSpawnSubAgentSource",
    "ThreadSpawnSubAgentSourceBody",
    "ThreadStartParams",
    "ThreadStartResponse",
    "ThreadStartSource",
    "ThreadStartThreadUnreadPosition",
    "ThreadStartedNotification",
    "ThreadStatus",
    "ThreadStatusChangedNotification",
    "ThreadTimelineEntry",
    "ThreadTimelineListParams",
    "ThreadTimelineListResponse",
    "ThreadTokenUsage",
    "ThreadTokenUsageUpdatedNotification",
    "ThreadTurnsListParams",
    "ThreadTurnsListResponse",
    "ThreadUnarchiveParams",
    "ThreadUnarchiveResponse",
    "ThreadUnarchivedNotification",
    "ThreadUnreadPosition",
    "ThreadUnsubscribeParams",
    "ThreadUnsubscribeResponse",
    "ThreadUnsubscribeStatus",
    "ThreadUsage",
    "ThreadUsageBreakdownGroup",
    "TmpdirFileSystemSpecialPath",
    "TokenUsageBreakdown",
    "Tool",
    "ToolExposureSurface",
    "ToolRequestUserInputAnswer",
    "ToolRequestUserInputOption",
    "ToolRequestUserInputParams",
    "ToolRequestUserInputQuestion",
    "ToolRequestUserInputResponse",
    "ToolSearchCallResponseItem",
    "ToolSearchOutputResponseItem",
    "ToolsV2",
    "TranscriptSegmentThreadRealtimeItem",
    "Turn",
    "TurnCompletedNotification",
    "TurnCompletedThreadTimelineEntry",
    "TurnDiffUpdatedNotification",
    "TurnEnvironmentParams",
    "TurnError",
    "TurnInterruptParams",
    "TurnInterruptResponse",
    "TurnItemsView",
    "TurnModerationMetadataNotification",
    "TurnPlanStep",
    "TurnPlanStepStatus",
    "TurnPlanUpdatedNotification",
    "TurnSettingsUpdateParams",
    "TurnSettingsUpdateResponse",
    "TurnSettingsUpdateStatus",
    "TurnStartParams",
    "TurnStartResponse",
    "TurnStartedNotification",
    "TurnStartedThreadTimelineEntry",
    "TurnStatus",
    "TurnSteerParams",
    "TurnSteerResponse",
    "TurnThreadUnreadPosition",
    "TurnToolOutput",
    "TurnsPage",
    "UnavailableUserVerificationErrorDetails",
    "UncommittedChangesReviewTarget",
    "UnknownCommandAction",
    "UnknownFileSystemSpecialPath",
    "UnknownParsedCommand",
    "UnreadThreadReadStateOperation",
    "UpdateFileChange",
    "UpdatePatchChangeKind",
    "UrlMcpServerElicitationRequestParams",
    "UsageLimitExceededImageGenerationFailure",
    "UserConfigLayerSource",
    "UserInput",
    "UserMessageThreadItem",
    "UserVerificationCancelParams",
    "UserVerificationCancelResponse",
    "UserVerificationCancellationReason",
    "UserVerificationDeleteParams",
    "UserVerificationDeleteResponse",
    "UserVerificationEnrollParams",
    "UserVerificationEnrollResponse",
    "UserVerificationErrorDetails",
    "UserVerificationFailureReason",
    "UserVerificationInvalidRequestReason",
    "UserVerificationProof",
    "UserVerificationRpcError",
    "UserVerificationStatusParams",
    "UserVerificationStatusResponse",
    "UserVerificationUnavailableReason",
    "UserVerificationVerifyParams",
    "UserVerificationVerifyResponse",
    "Verbosity",
    "W3cTraceContext",
    "WarningNotification",
    "WebSearchAction",
    "WebSearchCallResponseItem",
    "WebSearchContextSize",
    "WebSearchLocation",
    "WebSearchMode",
    "WebSearchThreadItem",
    "WebSearchToolConfig",
    "WebrtcThreadRealtimeStartTransport",
    "WebsocketThreadRealtimeStartTransport",
    "WeekdaysScheduledTaskSchedule",
    "WeeklyScheduledTaskSchedule",
    "WholeItemThreadRealtimeBemItemPresentation",
    "WindowsSandboxImplementation",
    "WindowsSandboxReadiness",
    "WindowsSandboxReadinessResponse",
    "WindowsSandboxSetupCompletedNotification",
    "WindowsSandboxSetupMode",
    "WindowsSandboxSetupStartParams",
    "WindowsSandboxSetupStartResponse",
    "WindowsWorldWritableWarningNotification",
    "WorkspaceMessage",
    "WorkspaceMessageType",
    "WorkspaceRouting",
    "WorkspaceWriteSandboxPolicy",
    "WriteStatus",
    "WriteStdinGuardianApprovalReviewAction",
]
