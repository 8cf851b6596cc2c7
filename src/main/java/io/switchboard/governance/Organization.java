package io.switchboard.governance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An organization: teams belong to one. */
@Entity
@Table(name = "sb_organizations")
public class Organization extends LimitColumns {
    @Id
    @Column(name = "organization_id", length = 64)
    public String organizationId;
    @Column(name = "organization_alias")
    public String organizationAlias;
    @Column(name = "budget_id")
    public String budgetId;
    @Column(name = "blocked", nullable = false)
    public boolean blocked;
}
