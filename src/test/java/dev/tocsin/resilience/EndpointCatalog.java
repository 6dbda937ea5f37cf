package dev.tocsin.resilience;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every REST endpoint of the application, found by scanning the compiled classes for JAX-RS
 * annotations, so an endpoint added later is swept without touching the test.
 */
final class EndpointCatalog {

    /** One resource method: HTTP method, path template, what it consumes and its body type. */
    record Endpoint(
            String method,
            String template,
            List<String> consumes,
            Type bodyType,
            List<String> queryParams,
            String javaName) {

        boolean hasBody() {
            return method.equals("POST") || method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE");
        }

        boolean consumes(String mediaType) {
            return consumes.stream().anyMatch(c -> c.startsWith(mediaType));
        }

        @Override
        public String toString() {
            return method + " " + template + " (" + javaName + ")";
        }
    }

    private static final Set<String> PARAM_ANNOTATIONS = Set.of(
            "PathParam",
            "QueryParam",
            "HeaderParam",
            "CookieParam",
            "FormParam",
            "MatrixParam",
            "BeanParam",
            "Context",
            "RestPath",
            "RestQuery",
            "RestForm",
            "RestHeader",
            "RestCookie",
            "RestMatrix");
    private static final Set<String> QUERY_ANNOTATIONS = Set.of("QueryParam", "RestQuery");

    private EndpointCatalog() {}

    /** Scans the directory or jar the application classes were loaded from, under {@code dev/tocsin}. */
    static List<Endpoint> scan(Class<?> anyApplicationClass) throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(anyApplicationClass
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Endpoint> out = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            for (java.nio.file.Path f : files.filter(p ->
                            p.toString().endsWith(".class") && !p.toString().contains("$"))
                    .toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.startsWith("dev.tocsin.")) {
                    continue;
                }
                Class<?> c;
                try {
                    c = Class.forName(name, false, anyApplicationClass.getClassLoader());
                } catch (Throwable e) {
                    continue;
                }
                addResource(c, out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot scan " + root, e);
        }
        out.sort(Comparator.comparing(Endpoint::template).thenComparing(Endpoint::method));
        return out;
    }

    private static void addResource(Class<?> c, List<Endpoint> out) {
        Path classPath = c.getAnnotation(Path.class);
        if (classPath == null || c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
            return;
        }
        Consumes classConsumes = c.getAnnotation(Consumes.class);
        for (Method m : c.getDeclaredMethods()) {
            String http = httpMethod(m);
            if (http == null || m.isSynthetic()) {
                continue;
            }
            Path mp = m.getAnnotation(Path.class);
            String template = join(classPath.value(), mp == null ? "" : mp.value());
            Consumes cons = m.getAnnotation(Consumes.class) != null ? m.getAnnotation(Consumes.class) : classConsumes;
            List<String> consumes = cons == null
                    ? List.of()
                    : Arrays.stream(cons.value())
                            .flatMap(v -> Arrays.stream(v.split(",")))
                            .map(String::trim)
                            .toList();
            Type body = null;
            List<String> query = new ArrayList<>();
            for (Parameter p : m.getParameters()) {
                Annotation[] anns = p.getAnnotations();
                boolean bound = false;
                for (Annotation a : anns) {
                    String simple = a.annotationType().getSimpleName();
                    if (PARAM_ANNOTATIONS.contains(simple)) {
                        bound = true;
                    }
                    if (QUERY_ANNOTATIONS.contains(simple)) {
                        query.add(valueOf(a, p));
                    }
                }
                if (!bound && !isInjectedType(p.getType())) {
                    body = p.getParameterizedType();
                }
            }
            out.add(new Endpoint(http, template, consumes, body, query, c.getSimpleName() + "." + m.getName()));
        }
    }

    private static boolean isInjectedType(Class<?> t) {
        String n = t.getName();
        return n.startsWith("io.quarkus.security")
                || n.startsWith("io.vertx")
                || n.startsWith("jakarta.ws.rs.core.") && !n.equals("jakarta.ws.rs.core.MultivaluedMap")
                || n.startsWith("org.jboss.resteasy.reactive.server");
    }

    private static String valueOf(Annotation a, Parameter p) {
        try {
            String v = (String) a.annotationType().getMethod("value").invoke(a);
            return v == null || v.isEmpty() ? p.getName() : v;
        } catch (ReflectiveOperationException e) {
            return p.getName();
        }
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    private static String join(String a, String b) {
        String s = ("/" + a + "/" + b).replaceAll("/+", "/");
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Replaces every {name} or {name: regex} in the template with {@code value} (already URL-encoded). */
    static String fill(String template, String value) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (char ch : template.toCharArray()) {
            if (ch == '{') {
                if (depth++ == 0) {
                    out.append(value);
                }
            } else if (ch == '}') {
                depth--;
            } else if (depth == 0) {
                out.append(ch);
            }
        }
        return out.toString();
    }

    static boolean hasPathParams(String template) {
        return template.indexOf('{') >= 0;
    }
}
