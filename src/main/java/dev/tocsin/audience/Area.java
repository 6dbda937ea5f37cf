package dev.tocsin.audience;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A place in the administrative tree. {@code path} holds the ids from the root ("/1/51/"), so
 * an area and everything below it is one prefix match.
 */
@Entity
@Table(name = "area")
public class Area extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "area_seq")
    @SequenceGenerator(name = "area_seq", sequenceName = "area_seq", allocationSize = 50)
    public Long id;

    /** Administrative division code (12 digits in China) or a free code. */
    @Column(nullable = false, unique = true, length = 32)
    public String code;

    @Column(nullable = false, length = 200)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public AreaKind kind;

    @Column(name = "parent_id")
    public Long parentId;

    @Column(nullable = false, length = 512)
    public String path;

    @Column(name = "centroid_lat")
    public Double centroidLat;

    @Column(name = "centroid_lon")
    public Double centroidLon;

    /** WGS 84 ring as CAP writes it: "lat,lon lat,lon ...", first point equal to the last. */
    @Lob
    @Column(name = "polygon")
    public String polygon;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<Area> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }

    public static List<Area> children(Long parentId) {
        return list("parentId = ?1 order by name", parentId);
    }

    /** Sets {@code path} from the parent's; call after the id is assigned. */
    public void placeUnder(Area parent) {
        this.parentId = parent == null ? null : parent.id;
        this.path = (parent == null ? "/" : parent.path) + id + "/";
    }
}
