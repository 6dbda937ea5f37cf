package dev.tocsin.platform.problem;

import java.util.List;

/**
 * Thrown by services for a refusal the caller can act on; leaves as problem+json with the
 * given status. Services throw it instead of returning error codes.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    /** The WWW-Authenticate challenge of a 401, null for none. */
    private final String challenge;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    private ProblemException(Problem problem, String challenge) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.challenge = challenge;
    }

    public Problem problem() {
        return problem;
    }

    public String challenge() {
        return challenge;
    }

    /** 401 telling the client how to authenticate, e.g. {@code Bearer realm="..."}. */
    public static ProblemException unauthorized(String detail, String challenge) {
        return new ProblemException(Problem.of(401, "Unauthorized", detail), challenge);
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(Problem.forField(400, "Invalid input", field, detail));
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(Problem.forFields(400, "Invalid input", errors));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "Not found", detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "Conflict", detail));
    }

    public static ProblemException conflict(String field, String detail) {
        return new ProblemException(Problem.forField(409, "Conflict", field, detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "Forbidden", detail));
    }
}
