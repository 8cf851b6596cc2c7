package io.switchboard.governance;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Map;

/** A team: its keys share its model list, budget and limits. */
@Entity
@Table(name = "sb_teams")
public class Team extends LimitColumns {
    @Id
    @Column(name = "team_id", length = 64)
    public String teamId;
    @Column(name = "team_alias")
    public String teamAlias;
    @Column(name = "organization_id")
    public String organizationId;
    @Column(name = "budget_id")
    public String budgetId;
    @Convert(converter = JsonColumns.ObjectMap.class)
    @Column(name = "model_rpm_limit")
    public Map<String, Object> modelRpmLimit;
    @Convert(converter = JsonColumns.ObjectMap.class)
    @Column(name = "model_tpm_limit")
    public Map<String, Object> modelTpmLimit;
    @Column(name = "blocked", nullable = false)
    public boolean blocked;
}
