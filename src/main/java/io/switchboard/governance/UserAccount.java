package io.switchboard.governance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An internal user of the gateway, with a proxy-wide role (see access/UserRole). */
@Entity
@Table(name = "sb_users")
public class UserAccount extends LimitColumns {
    @Id
    @Column(name = "user_id")
    public String userId;
    @Column(name = "user_email")
    public String userEmail;
    @Column(name = "user_alias")
    public String userAlias;
    @Column(name = "user_role", nullable = false)
    public String userRole;
    @Column(name = "organization_id")
    public String organizationId;
    @Column(name = "budget_id")
    public String budgetId;
}
