package dev.tocsin.platform.form;

import dev.tocsin.platform.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code application/x-www-form-urlencoded} bodies into a {@link MultivaluedMap} (the Twilio
 * webhooks, the sandbox's Messages.json, console compose). The built-in reader throws an
 * ArrayIndexOutOfBoundsException on bodies such as {@code =&=&}, which would answer 500; here a
 * pair without a name is ignored (browsers and Twilio never send one) and a broken percent
 * escape or charset is a 400 naming the body.
 */
@Provider
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class FormBodyReader implements MessageBodyReader<MultivaluedMap<String, String>> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return MultivaluedMap.class.isAssignableFrom(type);
    }

    @Override
    public MultivaluedMap<String, String> readFrom(
            Class<MultivaluedMap<String, String>> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders,
            InputStream entityStream)
            throws IOException {
        return parse(new String(entityStream.readAllBytes(), charset(mediaType)), charset(mediaType));
    }

    /** Parses a form body; public for tests. */
    public static MultivaluedMap<String, String> parse(String body, Charset charset) {
        MultivaluedMap<String, String> out = new MultivaluedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), charset);
            if (name.isEmpty()) {
                continue;
            }
            out.add(name, eq < 0 ? "" : decode(pair.substring(eq + 1), charset));
        }
        return out;
    }

    private static String decode(String s, Charset charset) {
        try {
            return URLDecoder.decode(s, charset);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("body", "is not a valid form body: broken percent escape");
        }
    }

    private static Charset charset(MediaType mediaType) {
        String name = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Content-Type", "charset '" + name + "' is not supported");
        }
    }
}
