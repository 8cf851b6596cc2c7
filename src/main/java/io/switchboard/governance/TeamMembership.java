package io.switchboard.governance;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A user's membership of a team; {@code role} is {@code admin} or {@code user}. */
@Entity
@Table(name = "sb_team_memberships")
@IdClass(TeamMembership.Id.class)
public class TeamMembership {
    public static final String ADMIN = "admin";
    public static final String MEMBER = "user";

    @jakarta.persistence.Id
    @Column(name = "team_id")
    public String teamId;
    @jakarta.persistence.Id
    @Column(name = "user_id")
    public String userId;
    @Column(name = "role", nullable = false)
    public String role;
    @Column(name = "spend", precision = 20, scale = 10, nullable = false)
    public BigDecimal spend = BigDecimal.ZERO;
    @JsonIgnore
    @Column(name = "reserved_spend", precision = 20, scale = 10, nullable = false)
    public BigDecimal reservedSpend = BigDecimal.ZERO;
    @Column(name = "budget_id")
    public String budgetId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The composite key. */
    public static class Id implements Serializable {
        private static final long serialVersionUID = 1L;
        public String teamId;
        public String userId;

        public Id() {
        }

        public Id(String teamId, String userId) {
            this.teamId = teamId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Id other && Objects.equals(teamId, other.teamId) && Objects.equals(userId, other.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(teamId, userId);
        }
    }
}
