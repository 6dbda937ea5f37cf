package dev.tocsin.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves as application/problem+json: a title, the status, a detail a person can
 * act on and, for bad input, the field. Stack traces and class names never leave the service.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final String CHALLENGE = "Basic realm=\"Tocsin\", charset=\"UTF-8\"";

    public static Response response(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        if (e.challenge() != null) {
            return Response.fromResponse(response(e.problem()))
                    .header("WWW-Authenticate", e.challenge())
                    .build();
        }
        return response(e.problem());
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return response(Problem.forFields(400, "Invalid input", errors));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return response(Problem.of(413, "Body too large", "A value in the JSON body exceeds the allowed size"));
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = pathOf(m);
            String detail;
            if (m instanceof UnrecognizedPropertyException) {
                detail = "unknown field";
            } else if (m instanceof InvalidFormatException f
                    && f.getTargetType() != null
                    && f.getTargetType().isEnum()) {
                detail = "must be one of "
                        + Arrays.stream(f.getTargetType().getEnumConstants())
                                .map(Object::toString)
                                .collect(Collectors.joining(", "));
            } else if (m instanceof InvalidFormatException f && f.getTargetType() != null) {
                detail = "cannot read '" + f.getValue() + "' as " + plainType(f.getTargetType());
            } else if (m.getCause() instanceof ProblemException p) {
                return response(p.problem());
            } else if (m.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null) {
                detail = iae.getMessage();
            } else {
                detail = "has the wrong type or shape";
            }
            return response(Problem.forField(400, "Invalid input", field, detail));
        }
        return response(Problem.of(
                400,
                "Malformed JSON",
                "The request body is not valid JSON"
                        + (e.getLocation() != null
                                ? " (line " + e.getLocation().getLineNr() + ", column "
                                        + e.getLocation().getColumnNr() + ")"
                                : "")));
    }

    /** Quarkus registers its own (empty-bodied) mapper for this subtype; this one wins. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return response(Problem.of(403, "Forbidden", "Your role does not allow this action"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        int status = e.getResponse().getStatus();
        if (status == 401) {
            return unauthenticated();
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
        String detail = switch (status) {
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed here";
            case 406 -> "No acceptable representation";
            case 413 -> "The request body is too large";
            case 415 -> "Unsupported content type";
            default -> title;
        };
        if (status >= 500) {
            return internal(e);
        }
        return response(Problem.of(status, title, detail));
    }

    @ServerExceptionMapper
    public Response internal(Throwable e) {
        if (databaseUnavailable(e)) {
            LOG.warnf("Request failed, database unavailable: %s", e.getMessage());
            return Response.status(503)
                    .type(Problem.MEDIA_TYPE)
                    .header("Retry-After", "5")
                    .entity(Problem.of(
                            503,
                            "Service Unavailable",
                            "The database is unavailable; nothing was changed. Try again shortly."))
                    .build();
        }
        if (undecodableForm(e)) {
            return response(Problem.of(400, "Malformed form", "The form or multipart body cannot be parsed"));
        }
        String ref = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled error, reference %s", ref);
        return response(Problem.of(
                500, "Internal error", "The service could not complete the request (reference " + ref + ")"));
    }

    /**
     * RESTEasy Reactive reports a form or multipart body it cannot parse (bad %-escape, truncated
     * part) as a bare IllegalArgumentException or IOException thrown from its body handler.
     */
    private static boolean undecodableForm(Throwable e) {
        if (!(e instanceof IllegalArgumentException) && !(e instanceof java.io.IOException)) {
            return false;
        }
        StackTraceElement[] frames = e.getStackTrace();
        for (int i = 0; i < Math.min(12, frames.length); i++) {
            if (frames[i].getClassName().equals("org.jboss.resteasy.reactive.server.handlers.FormBodyHandler")) {
                return true;
            }
        }
        return false;
    }

    private static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || (t.getMessage() != null && t.getMessage().startsWith("Unable to acquire JDBC Connection"))) {
                return true;
            }
        }
        return false;
    }

    private static Response unauthenticated() {
        return Response.status(401)
                .type(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", CHALLENGE)
                .entity(Problem.of(401, "Unauthorized", "Valid credentials are required"))
                .build();
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        // Path is method.argN.field for parameters; keep only the part a caller recognises.
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        if (parts.length >= 3) {
            return String.join(".", Arrays.copyOfRange(parts, 2, parts.length));
        }
        return parts[parts.length - 1];
    }

    private static String pathOf(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String plainType(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
    }
}
