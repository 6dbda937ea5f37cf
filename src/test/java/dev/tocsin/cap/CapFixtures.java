package dev.tocsin.cap;

import static io.restassured.RestAssured.given;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AreaService;
import dev.tocsin.audience.AreaViews.NewArea;
import dev.tocsin.security.Role;
import dev.tocsin.security.StaffService;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Validator;

/** Staff, areas and broadcasts for the CAP tests, made through the real services and API. */
@ApplicationScoped
public class CapFixtures {

    static final String PASSWORD = "cap-test-password";
    static final String OPERATOR = "cap-operator";
    static final String APPROVER = "cap-approver";

    private final StaffService staff;
    private final AreaService areas;

    CapFixtures(StaffService staff, AreaService areas) {
        this.staff = staff;
        this.areas = areas;
    }

    void ensureUsers() {
        if (staff.find(OPERATOR).isEmpty()) {
            staff.create("test", OPERATOR, PASSWORD, Set.of(Role.OPERATOR), "CAP operator");
        }
        if (staff.find(APPROVER).isEmpty()) {
            staff.create("test", APPROVER, PASSWORD, Set.of(Role.APPROVER), "CAP approver");
        }
    }

    String area(String code, String name, AreaKind kind, String parent, String polygon) {
        return areas.create("test", new NewArea(code, name, kind, parent, null, null, polygon))
                .code();
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, PASSWORD).contentType("application/json");
    }

    /** Validates with the JDK's schema validator against the bundled OASIS CAP 1.2 XSD. */
    static void assertSchemaValid(String xml) throws Exception {
        Validator v = CapXml.schema().newValidator();
        v.validate(new StreamSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    }
}
