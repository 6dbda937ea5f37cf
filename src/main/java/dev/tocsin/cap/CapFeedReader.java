package dev.tocsin.cap;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads an upstream Atom or RSS feed (parsed like an ingested document: no DOCTYPE) into the CAP
 * documents it announces: a linked document (Atom link or RSS enclosure typed
 * application/cap+xml, else the RSS item link) or an alert embedded in the entry's content.
 */
final class CapFeedReader {

    static final String ATOM = "http://www.w3.org/2005/Atom";

    /** One announced document: fetched from {@code url}, or the {@code embedded} bytes. */
    record Entry(String key, String location, URI url, byte[] embedded) {}

    private CapFeedReader() {}

    static List<Entry> read(byte[] feed, URI base) throws CapXml.Refused {
        Document doc = CapXml.parse(feed);
        Element root = doc.getDocumentElement();
        List<Entry> out = new ArrayList<>();
        if (ATOM.equals(root.getNamespaceURI()) && "feed".equals(root.getLocalName())) {
            for (Element e : children(root, ATOM, "entry")) {
                Entry found = atomEntry(e, base);
                if (found != null) {
                    out.add(found);
                }
            }
        } else if ("rss".equals(root.getLocalName()) && root.getNamespaceURI() == null) {
            for (Element channel : children(root, null, "channel")) {
                for (Element item : children(channel, null, "item")) {
                    Entry found = rssItem(item, base);
                    if (found != null) {
                        out.add(found);
                    }
                }
            }
        } else {
            throw new CapXml.Refused(
                    "not-feed",
                    "root element is {" + root.getNamespaceURI() + "}" + root.getLocalName()
                            + ", expected an Atom feed or RSS 2.0");
        }
        return out;
    }

    private static Entry atomEntry(Element entry, URI base) {
        for (Element content : children(entry, ATOM, "content")) {
            for (Element alert : children(content, CapAlert.NAMESPACE, "alert")) {
                byte[] xml = serialize(alert);
                return new Entry(sha256("embedded\n" + new String(xml, StandardCharsets.UTF_8)), "embedded", null, xml);
            }
        }
        String fallback = null;
        for (Element link : children(entry, ATOM, "link")) {
            String rel = link.getAttribute("rel").isEmpty() ? "alternate" : link.getAttribute("rel");
            String type = link.getAttribute("type");
            String href = link.getAttribute("href").strip();
            if (href.isEmpty() || !("alternate".equals(rel) || "enclosure".equals(rel))) {
                continue;
            }
            if (type.contains("cap+xml")) {
                return linked(base, href);
            }
            if (fallback == null && ("application/xml".equals(type) || "text/xml".equals(type))) {
                fallback = href;
            }
        }
        return fallback == null ? null : linked(base, fallback);
    }

    private static Entry rssItem(Element item, URI base) {
        String link = null;
        for (Element enclosure : children(item, null, "enclosure")) {
            if (enclosure.getAttribute("type").contains("cap+xml")
                    && !enclosure.getAttribute("url").isBlank()) {
                return linked(base, enclosure.getAttribute("url").strip());
            }
        }
        for (Element l : children(item, null, "link")) {
            link = l.getTextContent().strip();
        }
        return link == null || link.isEmpty() ? null : linked(base, link);
    }

    private static Entry linked(URI base, String href) {
        URI url;
        try {
            url = base.resolve(href);
        } catch (IllegalArgumentException e) {
            return new Entry(sha256(href), cut(href), null, null);
        }
        String s = url.toString();
        return new Entry(sha256(s), cut(s), url, null);
    }

    private static String cut(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    private static List<Element> children(Element parent, String ns, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e
                    && name.equals(e.getLocalName())
                    && (ns == null ? e.getNamespaceURI() == null : ns.equals(e.getNamespaceURI()))) {
                out.add(e);
            }
        }
        return out;
    }

    /** The embedded alert as a document of its own (namespace declarations kept). */
    private static byte[] serialize(Element alert) {
        try {
            TransformerFactory f = TransformerFactory.newInstance();
            f.setAttribute(javax.xml.XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(javax.xml.XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = f.newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(alert), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
