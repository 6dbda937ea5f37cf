package dev.tocsin.cap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.audience.Area;
import dev.tocsin.platform.db.SchemaReady;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** With the demo district loaded, adds its trigger rules (cold wave, road icing, blizzard) once. */
@ApplicationScoped
public class CapDemoRules {

    static final String RESOURCE = "demo/cap-rules.json";
    static final String DEMO_ROOT = "430902000000";
    private static final Logger LOG = Logger.getLogger(CapDemoRules.class);

    @ConfigProperty(name = "tocsin.demo.enabled", defaultValue = "false")
    boolean enabled;

    private final CapRuleService rules;
    private final ObjectMapper json;

    CapDemoRules(CapRuleService rules, ObjectMapper json) {
        this.rules = rules;
        this.json = json;
    }

    // After the demo areas and the notice templates (default observer priority) exist.
    void onSchemaReady(@Observes @Priority(Interceptor.Priority.APPLICATION + 900) SchemaReady ready) {
        if (!enabled) {
            return;
        }
        int added = seed();
        if (added > 0) {
            LOG.infof("Added %d demo CAP trigger rules", added);
        }
    }

    /** @return rules added; none when the demo district is absent */
    public int seed() {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (Area.findByCode(DEMO_ROOT).isEmpty()) {
                return 0;
            }
            return rules.seed(definitions());
        });
    }

    List<RuleDefinition> definitions() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            return json.readValue(in, new TypeReference<List<RuleDefinition>>() {});
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + " unreadable", e);
        }
    }
}
