package dev.tocsin.cap;

import dev.tocsin.platform.TocsinConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The Atom feed of current alerts: published, not replaced by a later Update or Cancel, not
 * expired. Updates and Cancels are entries themselves, so aggregators see them.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CapFeed {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final int MAX_ENTRIES = 500;

    private final TocsinConfig tocsin;
    private final CapConfig config;
    private final Clock clock;

    CapFeed(TocsinConfig tocsin, CapConfig config, Clock clock) {
        this.tocsin = tocsin;
        this.config = config;
        this.clock = clock;
    }

    public Optional<CapPublished> document(String identifier) {
        return CapPublished.byIdentifier(identifier);
    }

    public List<CapPublished> current() {
        return CapPublished.<CapPublished>find(
                        "replaced = false and expires > ?1 order by sent desc, id desc", clock.instant())
                .page(0, MAX_ENTRIES)
                .list();
    }

    public String atom(List<CapPublished> entries) {
        String base = tocsin.publicUrl();
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("feed");
            w.writeDefaultNamespace(ATOM);
            text(w, "id", base + "/cap/feed.atom");
            text(w, "title", config.senderName() + " CAP alerts");
            Instant updated =
                    entries.stream().map(e -> e.sent).max(Instant::compareTo).orElse(Instant.EPOCH);
            text(w, "updated", atomTime(updated));
            w.writeStartElement("author");
            text(w, "name", config.senderName());
            w.writeEndElement();
            link(w, "self", base + "/cap/feed.atom", "application/atom+xml");
            for (CapPublished p : entries) {
                CapAlert a = CapXml.read(CapXml.parse(p.xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                CapAlert.Info info = a.infos().isEmpty() ? null : a.infos().get(0);
                w.writeStartElement("entry");
                text(w, "id", base + "/cap/alerts/" + p.identifier + ".xml");
                text(w, "title", info == null || info.headline() == null ? p.identifier : info.headline());
                text(w, "updated", atomTime(p.sent));
                text(w, "published", atomTime(p.sent));
                link(w, "alternate", base + "/cap/alerts/" + p.identifier + ".xml", "application/cap+xml");
                text(
                        w,
                        "summary",
                        a.msgType() + ", " + a.status()
                                + (info == null
                                        ? ""
                                        : ", " + info.event() + ", " + info.severity() + ", expires "
                                                + info.expires()));
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
            return out.toString();
        } catch (XMLStreamException | CapXml.Refused e) {
            throw new IllegalStateException("feed could not be written", e);
        }
    }

    private static String atomTime(Instant t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                t.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private static void link(XMLStreamWriter w, String rel, String href, String type) throws XMLStreamException {
        w.writeEmptyElement("link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("href", href);
        w.writeAttribute("type", type);
    }
}
