package dev.tocsin.demo;

import java.util.List;

/** The shape of the demo data file. */
record DemoData(List<AreaRow> areas, List<ResidentRow> residents, List<TerminalRow> terminals) {

    record AreaRow(String code, String name, String kind, String parent, Double lat, Double lon) {}

    record ResidentRow(
            String name, String phone, String language, String area, List<String> tags, String consent, boolean test) {}

    record TerminalRow(String code, String name, String area, String model, boolean test) {}
}
