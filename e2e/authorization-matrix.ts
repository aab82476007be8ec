// Who may call what. Every route handler, page and server action under app/ must appear here; the matrix spec
// walks app/ and fails on anything missing, so a new door cannot ship without a lock and a test of it.

export type Scope = "ingest" | "read" | "critic" | "admin";
export type Role = "viewer" | "reviewer" | "admin";

/** `public` and `self` entries say why they need no role. */
export type Access = { scope: Scope } | { role: Role } | { public: string } | { self: string };

export const ROUTES: Record<string, Record<string, Access>> = {
  "app/api/health/route.ts": { GET: { public: "load balancer and uptime checks; reveals only up/down" } },
  "app/api/auth/[...nextauth]/route.ts": {
    GET: { public: "Auth.js endpoints: sign-in pages, session, CSRF token" },
    POST: { public: "Auth.js endpoints: guarded by its own CSRF token" },
  },
  "app/api/v1/openapi.json/route.ts": { GET: { public: "API documentation, no data" } },
  "app/api/v1/images/route.ts": { GET: { scope: "read" }, POST: { scope: "ingest" } },
  "app/api/v1/images/[id]/route.ts": { GET: { scope: "read" }, DELETE: { scope: "admin" } },
  "app/api/v1/runs/route.ts": { GET: { scope: "read" }, POST: { scope: "ingest" } },
  "app/api/v1/experiments/route.ts": { GET: { scope: "read" } },
  // MCP tools: read opens the door; critic adds record_critique, admin a fresh doctor run (checked per tool).
  "app/api/mcp/route.ts": { POST: { scope: "read" } },
  "app/api/v1/uploads/route.ts": { POST: { scope: "ingest" } },
  "app/api/v1/uploads/[id]/complete/route.ts": { POST: { scope: "ingest" } },
  "app/api/v1/images/[id]/critiques/route.ts": { GET: { scope: "read" }, POST: { scope: "critic" } },
  "app/api/v1/critiques/route.ts": { GET: { scope: "read" }, POST: { scope: "critic" } },
  "app/api/v1/images/[id]/restore/route.ts": { POST: { scope: "admin" } },
  "app/api/v1/images/[id]/purge/route.ts": { POST: { scope: "admin" } },
  "app/api/v1/datasets/route.ts": { GET: { scope: "read" }, POST: { scope: "admin" } },
  "app/api/v1/datasets/[id]/route.ts": { GET: { scope: "read" } },
  "app/api/v1/datasets/[id]/images/route.ts": {
    GET: { scope: "read" },
    POST: { scope: "admin" },
    DELETE: { scope: "admin" },
  },
  "app/api/v1/datasets/[id]/images/[imageId]/route.ts": { PATCH: { scope: "admin" } },
  "app/api/v1/datasets/[id]/captions/route.ts": { POST: { scope: "admin" } },
  "app/api/v1/datasets/[id]/captions/preview/route.ts": { POST: { scope: "read" } },
  "app/api/v1/datasets/[id]/tags/route.ts": { GET: { scope: "read" }, POST: { scope: "admin" } },
  "app/api/v1/datasets/[id]/tags/preview/route.ts": { POST: { scope: "read" } },
  "app/api/v1/datasets/[id]/caption-changes/route.ts": { GET: { scope: "read" } },
  "app/api/v1/datasets/[id]/caption-changes/[changeId]/undo/route.ts": { POST: { scope: "admin" } },
  "app/api/v1/datasets/[id]/images/[imageId]/caption-history/route.ts": { GET: { scope: "read" } },
  "app/api/v1/datasets/[id]/audit/route.ts": { GET: { scope: "read" } },
  "app/api/v1/datasets/[id]/versions/route.ts": { POST: { scope: "admin" } },
  "app/api/v1/datasets/[id]/versions/[version]/export.zip/route.ts": { GET: { scope: "read" } },
  "app/api/v1/datasets/[id]/lineage/route.ts": { GET: { scope: "read" } },
  "app/api/v1/models/route.ts": { GET: { scope: "read" }, POST: { scope: "admin" } },
  "app/api/v1/models/[id]/route.ts": { GET: { scope: "read" }, DELETE: { scope: "admin" } },
  "app/datasets/[id]/versions/[version]/download/route.ts": { GET: { role: "viewer" } },
  "app/api/v1/images/handoff.zip/route.ts": { GET: { scope: "read" } },
  "app/gallery/handoff/route.ts": { GET: { role: "viewer" } },
  "app/critics/[critic]/disagreements/route.ts": { GET: { role: "viewer" } },
};

export const PAGES: Record<string, Access> = {
  "app/page.tsx": { role: "viewer" },
  "app/images/[id]/page.tsx": { role: "viewer" },
  "app/review/page.tsx": { role: "reviewer" },
  "app/compare/page.tsx": { role: "viewer" },
  "app/duplicates/page.tsx": { role: "viewer" },
  "app/admin/tags/page.tsx": { role: "admin" },
  "app/admin/review-settings/page.tsx": { role: "admin" },
  "app/admin/users/page.tsx": { role: "admin" },
  "app/admin/keys/page.tsx": { role: "admin" },
  "app/account/password/page.tsx": { self: "any signed-in user's own password" },
  "app/sign-in/page.tsx": { public: "where anonymous people sign in" },
  "app/invite/[token]/page.tsx": { public: "the one-time token in the URL is the credential" },
  "app/upload/page.tsx": { role: "reviewer" },
  "app/datasets/page.tsx": { role: "viewer" },
  "app/datasets/[id]/page.tsx": { role: "viewer" },
  "app/admin/doctor/page.tsx": { role: "admin" },
  "app/admin/cleanup/page.tsx": { role: "admin" },
  "app/admin/critics/page.tsx": { role: "admin" },
  "app/critics/page.tsx": { role: "viewer" },
  "app/stats/page.tsx": { role: "viewer" },
  "app/experiments/page.tsx": { role: "viewer" },
  "app/critics/[critic]/page.tsx": { role: "viewer" },
};

export const ACTIONS: Record<string, Record<string, Access>> = {
  "app/actions.ts": {
    signOutAction: { self: "ends the caller's own session" },
    updatePreferencesAction: { role: "viewer" },
  },
  "app/sign-in/actions.ts": {
    signInAction: { public: "signing in; rate-limited per account and address" },
    signInWithProviderAction: { public: "starts an OAuth round trip" },
  },
  "app/invite/[token]/actions.ts": {
    acceptInviteAction: { public: "the one-time invitation token is the credential" },
  },
  "app/account/password/actions.ts": {
    changePasswordAction: { self: "the caller's own password, current password required" },
    signOutEverywhereAction: { self: "the caller's own sessions" },
  },
  "app/admin/users/actions.ts": {
    createUserAction: { role: "admin" },
    changeRoleAction: { role: "admin" },
    setUserDisabledAction: { role: "admin" },
  },
  "app/admin/keys/actions.ts": {
    createApiKeyAction: { role: "admin" },
    revokeApiKeyAction: { role: "admin" },
  },
  "app/gallery/actions.ts": {
    loadGalleryPageAction: { role: "viewer" },
    loadReadyTilesAction: { role: "viewer" },
    bulkTagAction: { role: "reviewer" },
    addToDatasetAction: { role: "admin" },
    openViewerAction: { role: "viewer" },
    previewBulkReviewAction: { role: "reviewer" },
    bulkReviewAction: { role: "reviewer" },
    undoBulkReviewAction: { role: "reviewer" },
    suggestFilterNamesAction: { role: "viewer" },
  },
  "app/review/actions.ts": {
    recordReviewAction: { role: "reviewer" },
    undoReviewAction: { role: "reviewer" },
    loadReviewItemsAction: { role: "viewer" },
    loadReviewQueueAction: { role: "reviewer" },
    createLabelAction: { role: "reviewer" },
    loadReviewDetailsAction: { role: "viewer" },
  },
  "app/images/[id]/actions.ts": {
    downloadWorkflowAction: { role: "viewer" },
    deleteImageAction: { role: "admin" },
    restoreImageAction: { role: "admin" },
    purgeImageAction: { role: "admin" },
  },
  "app/admin/tags/actions.ts": {
    saveTagAction: { role: "admin" },
    deleteTagAction: { role: "admin" },
  },
  "app/admin/review-settings/actions.ts": { saveReviewRuleAction: { role: "admin" } },
  "app/admin/doctor/actions.ts": { runDoctorAction: { role: "admin" } },
  "app/admin/cleanup/actions.ts": { runCleanupAction: { role: "admin" } },
  "app/admin/critics/actions.ts": { saveCriticThresholdAction: { role: "admin" } },
  "app/upload/actions.ts": {
    uploadImageAction: { role: "reviewer" },
    startDirectUploadAction: { role: "reviewer" },
    completeDirectUploadAction: { role: "reviewer" },
  },
  "app/datasets/actions.ts": { createDatasetAction: { role: "reviewer" } },
  "app/datasets/[id]/actions.ts": {
    updateCaptionAction: { role: "reviewer" },
    previewCaptionTemplateAction: { role: "reviewer" },
    applyCaptionTemplateAction: { role: "reviewer" },
    undoCaptionChangeAction: { role: "reviewer" },
    loadCaptionHistoryAction: { role: "viewer" },
    freezeVersionAction: { role: "reviewer" },
    previewCaptionTagsAction: { role: "reviewer" },
    editCaptionTagsAction: { role: "reviewer" },
    removeDatasetImagesAction: { role: "reviewer" },
    registerTrainedModelAction: { role: "reviewer" },
  },
};
