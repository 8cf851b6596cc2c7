package io.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.access.Caller;
import io.switchboard.access.KeyDirectory;
import io.switchboard.governance.Database;
import io.switchboard.governance.Organization;
import io.switchboard.governance.Team;
import io.switchboard.governance.VirtualKey;
import io.switchboard.guardrail.Guardrails;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * LiteLLM's {@code /team/new|update|delete|info|list}. Authorization ({@link TeamPolicy}) runs here on
 * the loaded rows. Every key carries its team's lists and limits in the {@link KeyDirectory} cache,
 * so each change empties it: a narrowed or blocked team takes effect on this instance at once.
 */
@ApplicationScoped
public class TeamService {
    static final Set<String> WRITABLE = Set.of("team_alias", "models", "max_budget", "soft_budget",
            "budget_duration", "tpm_limit", "rpm_limit", "max_parallel_requests", "model_max_budget",
            "model_rpm_limit", "model_tpm_limit", "metadata", "blocked", "organization_id");
    private static final String TABLE = "sb_teams";
    /** Fields LiteLLM accepts at the top level of a team request and keeps in the team's metadata. */
    private static final List<String> METADATA_FIELDS = List.of("tags", "guardrails");

    @Inject
    Database database;

    @Inject
    KeyDirectory directory;

    @Inject
    KeyService keys;

    @Inject
    Guardrails guardrails;

    /**
     * A proxy admin creates any team; an org_admin, as in LiteLLM, creates teams inside its own
     * organization (naming one it may not read is a 404, one it only belongs to a 403).
     */
    public ObjectNode create(Caller caller, ObjectNode body) {
        boolean byOrgAdmin = !caller.proxyAdmin() && body.path("organization_id").isTextual();
        if (!byOrgAdmin) {
            TeamPolicy.requireCreate(caller);
        }
        Team team = new Team();
        JsonNode id = body.get("team_id");
        team.teamId = id == null || id.isNull() ? UUID.randomUUID().toString() : AdminJson.requiredText(body, "team_id");
        applyFields(body, team, Set.of("team_id", "members_with_roles"));
        requireKnownGuardrails(body, team);
        List<Member> members = TeamRecords.parseMembers(body.get("members_with_roles"), "members_with_roles");
        team.touch(caller.label(), Instant.now());
        ObjectNode answer = database.inTransaction(em -> {
            if (em.find(Team.class, team.teamId) != null) {
                throw AdminErrors.invalid("team_id", "Team '" + team.teamId + "' already exists.");
            }
            if (byOrgAdmin) {
                OrganizationRecords.readable(em, caller, team.organizationId);
                OrganizationPolicy.requireCreateTeam(caller, OrganizationRecords.mine(em, caller, team.organizationId));
            }
            requireOrganization(em, team.organizationId);
            em.persist(team);
            em.flush(); // memberships reference the row; EclipseLink does not order unrelated inserts
            for (Member member : members) {
                TeamRecords.addMember(em, caller, team.teamId, member, "members_with_roles");
            }
            ObjectNode view = TeamRecords.view(em, team);
            AuditTrail.record(em, caller, "created", TABLE, team.teamId, null, view);
            return view;
        });
        directory.forgetAll();
        return answer;
    }

    /** Answers LiteLLM's {@code {team_id, data}}. */
    public ObjectNode update(Caller caller, ObjectNode body) {
        String teamId = AdminJson.requiredText(body, "team_id");
        ObjectNode fields = body.deepCopy();
        fields.remove("team_id");
        Set<String> named = new HashSet<>();
        fields.fieldNames().forEachRemaining(named::add);
        ObjectNode view = database.inTransaction(em -> {
            Team team = TeamRecords.readable(em, caller, teamId);
            TeamPolicy.requireManage(caller, teamId);
            ObjectNode before = TeamRecords.view(em, team);
            Team held = AdminJson.MAPPER.convertValue(AdminJson.tree(team), Team.class);
            applyFields(fields, team, Set.of());
            requireKnownGuardrails(fields, team);
            TeamPolicy.requireWithinHeld(caller, named, held, team);
            requireOrganization(em, team.organizationId);
            team.touch(caller.label(), Instant.now());
            ObjectNode after = TeamRecords.view(em, team);
            AuditTrail.record(em, caller, "updated", TABLE, teamId, before, after);
            return after;
        });
        directory.forgetAll();
        return AdminJson.updated("team_id", teamId, view);
    }

    /**
     * Deletes the teams with their memberships and, as LiteLLM does, their keys: a key left behind
     * would lose the team's models and budget and so be worth more than before. Every deleted key
     * gets its own audit row.
     */
    public ObjectNode delete(Caller caller, List<String> teamIds) {
        database.inTransaction(em -> {
            for (String teamId : teamIds) {
                Team team = TeamRecords.readable(em, caller, teamId);
                TeamPolicy.requireDelete(caller);
                ObjectNode before = TeamRecords.view(em, team);
                for (VirtualKey key : TeamRecords.keysOfTeam(em, teamId)) {
                    keys.remove(em, caller, key);
                }
                TeamRecords.memberships(em, teamId).forEach(em::remove);
                em.flush(); // keys and memberships reference the team row
                em.remove(team);
                AuditTrail.record(em, caller, "deleted", TABLE, teamId, before, null);
            }
            return null;
        });
        directory.forgetAll();
        ObjectNode answer = AdminJson.MAPPER.createObjectNode();
        answer.set("deleted_teams", AdminJson.MAPPER.valueToTree(teamIds));
        return answer;
    }

    /** LiteLLM's {@code {team_id, team_info, keys, team_memberships}}, keys filtered to what the caller may read. */
    public ObjectNode info(Caller caller, String teamId) {
        if (teamId == null || teamId.isBlank()) {
            throw AdminErrors.invalid("team_id", "Name the team: ?team_id=<id>.");
        }
        return database.read(em -> {
            Team team = TeamRecords.readable(em, caller, teamId);
            ObjectNode answer = AdminJson.MAPPER.createObjectNode().put("team_id", teamId);
            answer.set("team_info", TeamRecords.view(em, team));
            ArrayNode keyRows = answer.putArray("keys");
            TeamRecords.keysOfTeam(em, teamId).stream().filter(k -> KeyPolicy.mayRead(caller, k))
                    .forEach(k -> keyRows.add(SettledSpend.key(em, k)));
            ArrayNode memberships = answer.putArray("team_memberships");
            TeamRecords.memberships(em, teamId).forEach(m -> memberships.add(TeamRecords.membershipView(em, m)));
            return answer;
        });
    }

    /** A JSON array of the teams the caller may read, as LiteLLM's {@code /team/list}; {@code userId} narrows it. */
    public ArrayNode list(Caller caller, String userId) {
        return database.read(em -> {
            List<String> mine = TeamRecords.teamIdsOf(em, caller.key() == null ? null : caller.key().userId());
            List<String> filter = userId == null ? null : TeamRecords.teamIdsOf(em, userId);
            ArrayNode teams = AdminJson.MAPPER.createArrayNode();
            em.createQuery("select t from Team t order by t.createdAt", Team.class).getResultList().stream()
                    .filter(t -> TeamPolicy.mayRead(caller, t.teamId, mine.contains(t.teamId)))
                    .filter(t -> filter == null || filter.contains(t.teamId))
                    .forEach(t -> teams.add(TeamRecords.view(em, t)));
            return teams;
        });
    }

    /**
     * LiteLLM keeps a team's {@code tags} and {@code guardrails} in its metadata; so does Switchboard. A
     * metadata replacement that leaves guardrails out keeps the team's: only naming them changes them.
     */
    private static void applyFields(ObjectNode body, Team team, Set<String> handledElsewhere) {
        Set<String> elsewhere = new HashSet<>(handledElsewhere);
        elsewhere.addAll(METADATA_FIELDS);
        Object heldGuardrails = team.metadata == null ? null : team.metadata.get("guardrails");
        AdminJson.applyWritable(body, team, WRITABLE, elsewhere, "a team");
        if (heldGuardrails != null && (team.metadata == null || !team.metadata.containsKey("guardrails"))) {
            putMetadata(team, "guardrails", heldGuardrails);
        }
        for (String field : METADATA_FIELDS) {
            List<String> values = AdminJson.textList(body.get(field), field);
            if (values != null) {
                putMetadata(team, field, values);
            }
        }
        if (team.metadata != null) { // the call path reads them as a list of names: refuse anything else now
            AdminJson.textList(AdminJson.MAPPER.valueToTree(team.metadata.get("guardrails")), "metadata.guardrails");
        }
        LimitFields.requireValid(team);
    }

    /**
     * The guardrails a request names (at the top level or in {@code metadata}) must be configured ones: a 400
     * now, not on every later call of the team's keys. Names a request leaves alone are not re-checked.
     */
    private void requireKnownGuardrails(ObjectNode body, Team team) {
        boolean topLevel = body.has("guardrails");
        if (!topLevel && !body.path("metadata").has("guardrails") || team.metadata == null) {
            return;
        }
        List<String> names = AdminJson.textList(AdminJson.MAPPER.valueToTree(team.metadata.get("guardrails")),
                "metadata.guardrails");
        if (names != null) {
            guardrails.requireKnown(names, topLevel ? "guardrails" : "metadata.guardrails");
        }
    }

    private static void putMetadata(Team team, String field, Object value) {
        Map<String, Object> metadata = team.metadata == null ? new LinkedHashMap<>() : new LinkedHashMap<>(team.metadata);
        metadata.put(field, value);
        team.metadata = metadata;
    }

    private static void requireOrganization(EntityManager em, String organizationId) {
        if (organizationId != null && em.find(Organization.class, organizationId) == null) {
            throw AdminErrors.notFound("organization", "organization_id");
        }
    }
}
