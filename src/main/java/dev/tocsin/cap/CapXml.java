package dev.tocsin.cap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Writes CAP 1.2 with StAX, reads it with a hardened DOM parser (no DOCTYPE, no external
 * entities, secure processing) and validates it against the bundled OASIS schema.
 */
public final class CapXml {

    private static final Schema SCHEMA = loadSchema();

    private CapXml() {}

    /** Why a document was refused: {@code kind} is not-xml, doctype, namespace or schema. */
    public static final class Refused extends Exception {
        final String kind;

        Refused(String kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    public static String write(CapAlert a) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("alert");
            w.writeDefaultNamespace(CapAlert.NAMESPACE);
            text(w, "identifier", a.identifier());
            text(w, "sender", a.sender());
            text(w, "sent", a.sent());
            text(w, "status", a.status());
            text(w, "msgType", a.msgType());
            text(w, "scope", a.scope());
            text(w, "references", a.references());
            for (CapAlert.Info i : a.infos()) {
                w.writeStartElement("info");
                text(w, "language", i.language());
                for (String c : i.categories()) {
                    text(w, "category", c);
                }
                text(w, "event", i.event());
                text(w, "urgency", i.urgency());
                text(w, "severity", i.severity());
                text(w, "certainty", i.certainty());
                text(w, "effective", i.effective());
                text(w, "onset", i.onset());
                text(w, "expires", i.expires());
                text(w, "senderName", i.senderName());
                text(w, "headline", i.headline());
                text(w, "description", i.description());
                text(w, "instruction", i.instruction());
                for (CapAlert.Value p : i.parameters()) {
                    pair(w, "parameter", p);
                }
                for (CapAlert.Resource r : i.resources()) {
                    w.writeStartElement("resource");
                    text(w, "resourceDesc", r.resourceDesc());
                    text(w, "mimeType", r.mimeType());
                    text(w, "size", r.size() == null ? null : r.size().toString());
                    text(w, "uri", r.uri());
                    text(w, "digest", r.digest());
                    w.writeEndElement();
                }
                for (CapAlert.Area ar : i.areas()) {
                    w.writeStartElement("area");
                    text(w, "areaDesc", ar.areaDesc());
                    for (String p : ar.polygons()) {
                        text(w, "polygon", p);
                    }
                    for (CapAlert.Value g : ar.geocodes()) {
                        pair(w, "geocode", g);
                    }
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("CAP document could not be written", e);
        }
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private static void pair(XMLStreamWriter w, String name, CapAlert.Value v) throws XMLStreamException {
        w.writeStartElement(name);
        text(w, "valueName", v.valueName());
        text(w, "value", v.value());
        w.writeEndElement();
    }

    /** Parses untrusted bytes: a DOCTYPE (hence any entity) is refused outright. */
    public static Document parse(byte[] xml) throws Refused {
        try {
            DocumentBuilder b = secureFactory().newDocumentBuilder();
            b.setErrorHandler(SILENT);
            return b.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("DOCTYPE")) {
                throw new Refused(
                        "doctype",
                        "DOCTYPE declarations are not accepted (entity expansion and external "
                                + "entities are refused)");
            }
            throw new Refused(
                    "not-xml",
                    "not well-formed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + m);
        } catch (SAXException | IOException e) {
            throw new Refused("not-xml", "not XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f;
    }

    /** Checks the root element, then the OASIS schema; the message names line and problem. */
    public static void validate(Document doc, byte[] xml) throws Refused {
        Element root = doc.getDocumentElement();
        if (!CapAlert.NAMESPACE.equals(root.getNamespaceURI()) || !"alert".equals(root.getLocalName())) {
            throw new Refused(
                    "namespace",
                    "root element is {" + root.getNamespaceURI() + "}" + root.getLocalName() + ", expected {"
                            + CapAlert.NAMESPACE + "}alert");
        }
        try {
            Validator v = SCHEMA.newValidator();
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            v.setErrorHandler(STRICT);
            v.validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXParseException e) {
            throw new Refused("schema", "not valid CAP 1.2 at line " + e.getLineNumber() + ": " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw new Refused("schema", "not valid CAP 1.2: " + e.getMessage());
        }
    }

    /** The bundled OASIS CAP 1.2 schema, for tests that check what Tocsin writes. */
    public static Schema schema() {
        return SCHEMA;
    }

    private static Schema loadSchema() {
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            URL xsd = CapXml.class.getResource("/cap/CAP-v1.2.xsd");
            if (xsd == null) {
                throw new IllegalStateException("cap/CAP-v1.2.xsd missing from the class path");
            }
            return f.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("CAP schema unreadable", e);
        }
    }

    /** Reads a schema-valid alert. */
    public static CapAlert read(Document doc) {
        Element a = doc.getDocumentElement();
        List<CapAlert.Info> infos = new ArrayList<>();
        for (Element i : children(a, "info")) {
            List<CapAlert.Resource> resources = new ArrayList<>();
            for (Element r : children(i, "resource")) {
                String size = child(r, "size");
                resources.add(new CapAlert.Resource(
                        child(r, "resourceDesc"),
                        child(r, "mimeType"),
                        size == null ? null : Long.valueOf(size.trim()),
                        child(r, "uri"),
                        child(r, "digest")));
            }
            List<CapAlert.Area> areas = new ArrayList<>();
            for (Element ar : children(i, "area")) {
                areas.add(new CapAlert.Area(
                        child(ar, "areaDesc"),
                        children(ar, "polygon").stream()
                                .map(e -> e.getTextContent().trim())
                                .toList(),
                        pairs(ar, "geocode")));
            }
            infos.add(new CapAlert.Info(
                    orDefault(child(i, "language"), "en-US"),
                    children(i, "category").stream()
                            .map(e -> e.getTextContent().trim())
                            .toList(),
                    child(i, "event"),
                    child(i, "urgency"),
                    child(i, "severity"),
                    child(i, "certainty"),
                    child(i, "effective"),
                    child(i, "onset"),
                    child(i, "expires"),
                    child(i, "senderName"),
                    child(i, "headline"),
                    child(i, "description"),
                    child(i, "instruction"),
                    pairs(i, "parameter"),
                    resources,
                    areas));
        }
        return new CapAlert(
                child(a, "identifier"),
                child(a, "sender"),
                child(a, "sent"),
                child(a, "status"),
                child(a, "msgType"),
                child(a, "scope"),
                child(a, "references"),
                infos);
    }

    private static String orDefault(String v, String d) {
        return v == null || v.isBlank() ? d : v;
    }

    private static List<CapAlert.Value> pairs(Element parent, String name) {
        return children(parent, name).stream()
                .map(e -> new CapAlert.Value(child(e, "valueName"), child(e, "value")))
                .toList();
    }

    private static String child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0).getTextContent().trim();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e
                    && CapAlert.NAMESPACE.equals(e.getNamespaceURI())
                    && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static final ErrorHandler STRICT = SILENT;
}
