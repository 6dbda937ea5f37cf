package dev.tocsin.broadcast;

import io.restassured.specification.RequestSpecification;

/** Request helpers shared with the schedule tests. */
public final class BroadcastTestAccess {

    private BroadcastTestAccess() {
    }

    public static RequestSpecification admin() {
        return BroadcastFixtures.admin();
    }
}
