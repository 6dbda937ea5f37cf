package dev.tocsin.cap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Verifies enveloped XML-DSig signatures with the JDK's javax.xml.crypto. A signature counts
 * only when it covers the whole document (Reference URI="") and its certificate, sent in
 * KeyInfo, is one of the trusted certificates (pinned: the certificate, or its public key, is
 * in the trust folder; validity dates and chains are not checked).
 */
public final class CapSignatures {

    private final List<X509Certificate> trusted;

    public CapSignatures(List<X509Certificate> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** Reads every certificate in *.pem, *.crt and *.cer files of {@code dir}. */
    public static CapSignatures fromDir(Optional<Path> dir) {
        List<X509Certificate> certs = new ArrayList<>();
        if (dir.isPresent() && Files.isDirectory(dir.get())) {
            try (Stream<Path> files = Files.list(dir.get())) {
                for (Path f : files.sorted().toList()) {
                    String n = f.getFileName().toString().toLowerCase();
                    if (n.endsWith(".pem") || n.endsWith(".crt") || n.endsWith(".cer")) {
                        try (InputStream in = Files.newInputStream(f)) {
                            for (Certificate c :
                                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                                certs.add((X509Certificate) c);
                            }
                        }
                    }
                }
            } catch (IOException | CertificateException e) {
                throw new IllegalStateException("CAP trust folder " + dir.get() + " unreadable: " + e.getMessage(), e);
            }
        }
        return new CapSignatures(certs);
    }

    /** A signature that does not verify, or is not trusted. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** @return empty when unsigned, else the signer's certificate subject */
    public Optional<String> verify(Document doc) throws Invalid {
        NodeList nodes = doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (nodes.getLength() == 0) {
            return Optional.empty();
        }
        List<Element> signatures = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            signatures.add((Element) nodes.item(i));
        }
        String subject = null;
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        for (Element s : signatures) {
            if (s.getParentNode() != doc.getDocumentElement()) {
                throw new Invalid("the signature must be enveloped: a child of the alert element");
            }
            PinnedKeys keys = new PinnedKeys();
            DOMValidateContext ctx = new DOMValidateContext(keys, s);
            ctx.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            try {
                XMLSignature sig = factory.unmarshalXMLSignature(ctx);
                List<?> refs = sig.getSignedInfo().getReferences();
                boolean whole = refs.stream().anyMatch(r -> "".equals(((Reference) r).getURI()));
                if (!whole) {
                    throw new Invalid("the signature does not cover the whole alert (no Reference URI=\"\")");
                }
                if (!sig.validate(ctx)) {
                    boolean value = sig.getSignatureValue().validate(ctx);
                    throw new Invalid(
                            value
                                    ? "the signed content was changed after signing (digest mismatch)"
                                    : "the signature value does not verify");
                }
                subject = keys.signer.getSubjectX500Principal().getName();
            } catch (MarshalException e) {
                throw new Invalid("malformed signature: " + e.getMessage());
            } catch (XMLSignatureException e) {
                Throwable cause = e.getCause();
                String why = cause instanceof KeySelectorException ? cause.getMessage() : e.getMessage();
                throw new Invalid(why == null ? "signature could not be verified" : why);
            }
        }
        return Optional.of(subject);
    }

    private final class PinnedKeys extends KeySelector {
        X509Certificate signer;

        @Override
        public KeySelectorResult select(
                KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method, XMLCryptoContext context)
                throws KeySelectorException {
            if (keyInfo == null) {
                throw new KeySelectorException("the signature carries no certificate (KeyInfo/X509Data)");
            }
            for (Object o : keyInfo.getContent()) {
                if (o instanceof X509Data data) {
                    for (Object c : data.getContent()) {
                        if (c instanceof X509Certificate cert && isTrusted(cert)) {
                            signer = cert;
                            Key key = cert.getPublicKey();
                            return () -> key;
                        }
                    }
                }
            }
            throw new KeySelectorException("the signing certificate is not trusted (not in tocsin.cap.trust-dir)");
        }
    }

    private boolean isTrusted(X509Certificate cert) {
        for (X509Certificate t : trusted) {
            if (t.equals(cert)
                    || Arrays.equals(
                            t.getPublicKey().getEncoded(), cert.getPublicKey().getEncoded())) {
                return true;
            }
        }
        return false;
    }
}
