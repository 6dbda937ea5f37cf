package dev.tocsin.cap;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Signs CAP documents the way weather services do: enveloped XML-DSig over the whole alert,
 * RSA-SHA256, the certificate in KeyInfo. Keys are test-only PKCS#12 files made with keytool.
 */
final class TestSigner {

    static final String TRUSTED = "/cap/test-signer.p12";
    static final String UNTRUSTED = "/cap/untrusted-signer.p12";

    private TestSigner() {}

    static String sign(String xml, String keystore) throws Exception {
        Document doc = parse(xml);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = TestSigner.class.getResourceAsStream(keystore)) {
            ks.load(in, "test-only".toCharArray());
        }
        String alias = ks.aliases().nextElement();
        PrivateKey key = (PrivateKey) ks.getKey(alias, "test-only".toCharArray());
        X509Certificate cert = (X509Certificate) ks.getCertificate(alias);
        XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
        Reference ref = f.newReference(
                "",
                f.newDigestMethod(DigestMethod.SHA256, null),
                List.of(f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null)),
                null,
                null);
        SignedInfo si = f.newSignedInfo(
                f.newCanonicalizationMethod(CanonicalizationMethod.INCLUSIVE, (C14NMethodParameterSpec) null),
                f.newSignatureMethod(SignatureMethod.RSA_SHA256, null),
                List.of(ref));
        KeyInfoFactory kif = f.getKeyInfoFactory();
        KeyInfo ki = kif.newKeyInfo(List.of(kif.newX509Data(List.of(cert))));
        f.newXMLSignature(si, ki).sign(new DOMSignContext(key, doc.getDocumentElement()));
        return write(doc);
    }

    /** Removes ds:Signature elements (the real samples' signatures do not verify: see docs/CAP.md). */
    static String unsigned(String xml) throws Exception {
        Document doc = parse(xml);
        NodeList n = doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        while (n.getLength() > 0) {
            n.item(0).getParentNode().removeChild(n.item(0));
        }
        return write(doc);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        return dbf.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String write(Document doc) throws Exception {
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return out.toString();
    }
}
