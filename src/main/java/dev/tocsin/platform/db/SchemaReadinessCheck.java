package dev.tocsin.platform.db;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the schema is migrated and start-up data is in place. */
@Readiness
@ApplicationScoped
public class SchemaReadinessCheck implements HealthCheck {

    private final SchemaMigrator schema;

    SchemaReadinessCheck(SchemaMigrator schema) {
        this.schema = schema;
    }

    @Override
    public HealthCheckResponse call() {
        return schema.isReady()
                ? HealthCheckResponse.named("schema").up().build()
                : HealthCheckResponse.named("schema")
                        .down()
                        .withData("reason", String.valueOf(schema.lastError()))
                        .build();
    }
}
