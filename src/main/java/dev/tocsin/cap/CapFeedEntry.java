package dev.tocsin.cap;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A feed entry already handled: stored, duplicate or refused; it is not fetched again. */
@Entity
@Table(name = "cap_feed_entry")
public class CapFeedEntry extends PanacheEntityBase {

    public enum Outcome {
        STORED,
        DUPLICATE,
        REFUSED
    }

    @EmbeddedId
    public Key key;

    @Column(nullable = false, length = 1000)
    public String location;

    @Column(nullable = false, length = 16)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Outcome outcome;

    @Column(length = 1000)
    public String detail;

    @Column(name = "received_id")
    public Long receivedId;

    @Column(name = "seen_at", nullable = false)
    public Instant seenAt;

    @Embeddable
    public static class Key implements Serializable {
        @Column(nullable = false, length = 100)
        public String feed;

        @Column(name = "entry_key", nullable = false, length = 64)
        public String entryKey;

        public Key() {}

        public Key(String feed, String entryKey) {
            this.feed = feed;
            this.entryKey = entryKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.feed.equals(feed) && k.entryKey.equals(entryKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(feed, entryKey);
        }
    }
}
