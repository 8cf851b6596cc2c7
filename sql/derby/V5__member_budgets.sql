-- LiteLLM's max_budget_in_organization: an organization member's own budget inside the organization,
-- a budget row linked from the membership (as sb_team_memberships.budget_id already links a member's
-- max_budget_in_team). A budget row still named here cannot be deleted (the route answers 400 first).
ALTER TABLE sb_organization_members ADD COLUMN budget_id VARCHAR(64) REFERENCES sb_budgets (budget_id);
