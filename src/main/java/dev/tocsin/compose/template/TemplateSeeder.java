package dev.tocsin.compose.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.platform.db.SchemaReady;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Seeds the catalogue from the JSON files under {@code notice-templates/} on the classpath
 * (listed in its INDEX) once the schema is ready. A template whose id exists is left alone,
 * so staff edits survive restarts, and two instances starting together cannot both insert it
 * (the id is the primary key; the loser's insert fails and is ignored).
 */
@ApplicationScoped
public class TemplateSeeder {

    private static final Logger LOG = Logger.getLogger(TemplateSeeder.class);
    static final String DIR = "notice-templates/";

    private final TemplateCatalogue catalogue;
    private final ObjectMapper mapper;
    private final Validator validator;

    TemplateSeeder(TemplateCatalogue catalogue, ObjectMapper mapper, Validator validator) {
        this.catalogue = catalogue;
        this.mapper = mapper;
        this.validator = validator;
    }

    void onSchemaReady(@Observes SchemaReady ready) {
        int added = 0;
        for (String file : files()) {
            try {
                TemplateDefinition d = read(file);
                if (QuarkusTransaction.requiringNew().call(() -> catalogue.seed(d))) {
                    added++;
                }
            } catch (RuntimeException e) {
                // Also reached by the instance that loses a start-up race for the same id.
                LOG.warnf("Seed template %s%s not loaded: %s", DIR, file, e.getMessage());
            }
        }
        if (added > 0) {
            LOG.infof("Seeded %d notice templates", added);
        }
    }

    /** The seed file names, in INDEX order. */
    public static List<String> files() {
        return resource(DIR + "INDEX")
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    /** Reads and checks the field constraints of one seed file. */
    public TemplateDefinition read(String file) {
        try {
            TemplateDefinition d = mapper.readValue(resource(DIR + file), TemplateDefinition.class);
            Set<ConstraintViolation<TemplateDefinition>> violations = validator.validate(d);
            if (!violations.isEmpty()) {
                throw new IllegalArgumentException(violations.stream()
                        .map(v -> v.getPropertyPath() + " " + v.getMessage())
                        .sorted()
                        .collect(Collectors.joining("; ")));
            }
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIR + file + ": " + e.getMessage(), e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " not found on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
