-- Audience: indexes for the area tree and resident search. Portable SQL (H2 2.x, MariaDB 10.6+).

-- Children of an area (tree view, delete check) without scanning every path.
CREATE INDEX ix_area_parent ON area (parent_id);

-- Staff search residents by name.
CREATE INDEX ix_resident_name ON resident (name);

-- Keyset streaming of an audience walks resident_area by resident id.
CREATE INDEX ix_resident_area_resident ON resident_area (resident_id, area_id);
