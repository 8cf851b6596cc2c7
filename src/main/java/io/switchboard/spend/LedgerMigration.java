package io.switchboard.spend;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Schema version 6: the ledger's tables ({@code spend_account}, {@code spend_log}) as a versioned
 * migration, so later versions can alter them like any other table. Their DDL stays in
 * {@link LedgerSchema}, which creates only what is missing: a database where an earlier release's
 * ledger already made them migrates without change.
 */
public final class LedgerMigration implements JavaMigration {
    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("6");
    }

    @Override
    public String getDescription() {
        return "ledger tables";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        LedgerSchema.create(context.getConnection());
    }
}
