package dev.tocsin.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.audience.Area;
import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.Consent;
import dev.tocsin.audience.Resident;
import dev.tocsin.audience.Suppression;
import dev.tocsin.loudspeaker.Terminal;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.platform.db.SchemaReady;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Loads the demo district once: if its root area exists it does nothing, so restarts and
 * several instances never load it twice (area codes are unique).
 */
@ApplicationScoped
public class DemoDataLoader {

    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class);

    private final DemoConfig config;
    private final TocsinConfig tocsin;
    private final ObjectMapper mapper;
    private final Clock clock;

    DemoDataLoader(DemoConfig config, TocsinConfig tocsin, ObjectMapper mapper, Clock clock) {
        this.config = config;
        this.tocsin = tocsin;
        this.mapper = mapper;
        this.clock = clock;
    }

    void onSchemaReady(@Observes SchemaReady ready) {
        if (!config.enabled()) {
            return;
        }
        // Failures propagate: SchemaMigrator retries, and load() is a no-op once areas exist.
        int loaded = QuarkusTransaction.requiringNew().call(this::load);
        if (loaded > 0) {
            LOG.infof("Loaded demo data: %d areas", loaded);
        }
    }

    int load() {
        DemoData data = read();
        if (Area.findByCode(data.areas().get(0).code()).isPresent()) {
            return 0;
        }
        Instant now = clock.instant();
        Map<String, Area> byCode = new HashMap<>();
        for (DemoData.AreaRow row : data.areas()) {
            Area a = new Area();
            a.code = row.code();
            a.name = row.name();
            a.kind = AreaKind.valueOf(row.kind().toUpperCase());
            a.centroidLat = row.lat();
            a.centroidLon = row.lon();
            a.createdAt = now;
            a.path = "/";
            a.persist();
            a.placeUnder(row.parent() == null ? null : byCode.get(row.parent()));
            byCode.put(a.code, a);
        }
        for (DemoData.ResidentRow row : data.residents()) {
            Resident r = new Resident();
            r.name = row.name();
            r.phone = row.phone();
            r.language = row.language();
            r.consent = Consent.valueOf(row.consent());
            r.consentAt = now;
            r.consentChannel = "import";
            r.testRecipient = row.test();
            r.areaIds.add(byCode.get(row.area()).id);
            r.tags.addAll(row.tags());
            r.createdAt = now;
            r.updatedAt = now;
            r.persist();
            if (r.consent == Consent.OPTED_OUT) {
                Suppression s = new Suppression();
                s.phone = r.phone;
                s.reason = "import";
                s.createdAt = now;
                s.persist();
            }
        }
        for (DemoData.TerminalRow row : data.terminals()) {
            Terminal t = new Terminal();
            t.code = row.code();
            t.name = row.name();
            t.areaId = byCode.get(row.area()).id;
            t.model = row.model();
            t.zone = tocsin.zone().getId();
            t.volumePreset = 80;
            t.enabled = true;
            t.testTerminal = row.test();
            t.createdAt = now;
            t.persist();
        }
        return data.areas().size();
    }

    private DemoData read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(config.resource())) {
            if (in == null) {
                throw new IllegalStateException("demo data resource not found: " + config.resource());
            }
            return mapper.readValue(in, DemoData.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
