-- SIP paging: a terminal may be an IP speaker or paging gateway Tocsin calls over SIP, or a
-- multicast group it sends RTP to, instead of a box that polls the device API (paging_kind
-- NULL). The SIP password is kept encrypted (AES-GCM, key from config), never in clear.
-- A play to such a terminal counts its call attempts; withdrawn_at marks a play withdrawn while
-- its call was already under way, so the call is stopped (a pending play is simply cancelled). Portable SQL for H2 2.x and MariaDB 10.6+.

ALTER TABLE terminal ADD COLUMN paging_kind VARCHAR(16);
ALTER TABLE terminal ADD COLUMN sip_uri VARCHAR(255);
ALTER TABLE terminal ADD COLUMN sip_username VARCHAR(100);
ALTER TABLE terminal ADD COLUMN sip_password_sealed VARCHAR(400);
ALTER TABLE terminal ADD COLUMN multicast_group VARCHAR(64);
ALTER TABLE terminal ADD COLUMN multicast_ttl INT;
ALTER TABLE terminal ADD COLUMN paging_codec VARCHAR(8);
ALTER TABLE play ADD COLUMN attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE play ADD COLUMN withdrawn_at TIMESTAMP(6);
