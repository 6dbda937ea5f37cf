package dev.tocsin.audience;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** What the resident API reads and returns. */
public final class ResidentViews {

    private ResidentViews() {}

    /**
     * A resident as staff see them. For roles without access to personal data, {@code masked}
     * is true: the phone keeps country code, three leading and four trailing digits, the name
     * only its first character.
     */
    public record ResidentView(
            long id,
            String name,
            String phone,
            boolean masked,
            String language,
            List<String> areas,
            Consent consent,
            Instant consentAt,
            String consentChannel,
            List<String> tags,
            boolean testRecipient,
            boolean prefersCall,
            Instant createdAt,
            Instant updatedAt) {}

    public record ResidentInput(
            @Size(max = 200) String name,
            @NotBlank @Size(max = 40) String phone,
            @Size(max = 35) String language,
            @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 32) String> areas,
            @Size(max = Tags.MAX_PER_RESIDENT) List<@Size(max = 64) String> tags,
            Boolean testRecipient,
            Boolean prefersCall) {}

    public record Page<T>(List<T> items, int page, int size, long total) {}
}
