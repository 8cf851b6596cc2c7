-- LiteLLM's organization memberships: which users belong to an organization, and with what role
-- there. org_admin manages the organization's members (and creates teams in it); the two others are
-- plain members. A user's proxy-wide role stays in sb_users; an organization role never raises it.
-- A membership goes with its organization or its user.
CREATE TABLE sb_organization_members (
    organization_id       VARCHAR(64)    NOT NULL REFERENCES sb_organizations (organization_id) ON DELETE CASCADE,
    user_id               VARCHAR(255)   NOT NULL REFERENCES sb_users (user_id) ON DELETE CASCADE,
    user_role             VARCHAR(32)    NOT NULL,
    created_at            TIMESTAMP      NOT NULL,
    updated_at            TIMESTAMP      NOT NULL,
    PRIMARY KEY (organization_id, user_id),
    CONSTRAINT sb_org_members_role CHECK (user_role IN ('org_admin', 'internal_user', 'internal_user_viewer'))
);

CREATE INDEX sb_org_members_user ON sb_organization_members (user_id);
