package io.tai2.web;

import io.tai2.config.SettingsRanges;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The CFG form's fields, built from the catalogue ({@link CfgCatalogue}), the saved settings and their defaults. Every
 * value is in its stored form (a share as 0.03, a map or list as JSON): the page converts for display in one place
 * (cfg.js), so what is saved is what the server validates. A saved field the catalogue does not know yet is still
 * shown, plainly, under its JSON name.
 */
final class CfgFields {

  private CfgFields() {}

  /** A settings group on the page, with a line on what it holds. */
  record Group(String name, String title) {}

  /**
   * One setting on the page: {@code kind} is the catalogue's kind in lower case ({@code json} for a structure the
   * catalogue does not know); {@code value} and {@code defaultValue} ({@code null}: none to go back to) are stored forms;
   * {@code min}, {@code max} and {@code step} are the server's range in stored units ({@code null} without one).
   */
  record Field(
      String path,
      String label,
      String help,
      String unit,
      String kind,
      String value,
      String defaultValue,
      boolean risky,
      int shift,
      String min,
      String max,
      String step,
      List<String> choices,
      boolean nullable) {

    public String id() {
      return "cfg-" + path.replace('.', '-');
    }

    public String helpId() {
      return "help-" + path.replace('.', '-');
    }

    public String errorId() {
      return "error-" + path.replace('.', '-');
    }

    /** How cfg.js reads the input: bool, number, text or json. */
    public String inputKind() {
      return switch (kind) {
        case "bool", "number" -> kind;
        case "pairs", "symbol_map", "ab_split", "shadows", "json" -> "json";
        default -> "text";
      };
    }
  }

  /** A group's fields, the risky ones apart. */
  record Section(String group, String title, List<Field> fields, List<Field> risky) {}

  static List<Section> sections(List<Group> groups, JsonNode saved, JsonNode defaults) {
    List<Section> sections = new ArrayList<>();
    for (Group g : groups) {
      List<Field> all = new ArrayList<>();
      for (CfgCatalogue.Entry e : CfgCatalogue.group(g.name())) {
        all.add(field(e, saved.at(pointer(e.path())), defaults.at(pointer(e.path()))));
      }
      for (String path : leaves(saved.path(g.name()), g.name())) {
        if (!covered(path)) {
          all.add(unknown(path, saved.at(pointer(path))));
        }
      }
      sections.add(
          new Section(
              g.name(),
              g.title(),
              all.stream().filter(f -> !f.risky()).toList(),
              all.stream().filter(Field::risky).toList()));
    }
    return sections;
  }

  /** The paths of every value under {@code node}: scalars, lists and empty objects; objects are walked into. */
  static List<String> leaves(JsonNode node, String path) {
    List<String> out = new ArrayList<>();
    if (node.isObject() && !node.isEmpty()) {
      node.properties().forEach(p -> out.addAll(leaves(p.getValue(), path + "." + p.getKey())));
    } else if (!node.isMissingNode()) {
      out.add(path);
    }
    return out;
  }

  /** Whether the catalogue has an entry for {@code path}, or for a map, list or editor that holds it. */
  static boolean covered(String path) {
    return CfgCatalogue.ENTRIES.stream()
        .anyMatch(e -> e.path().equals(path) || e.coversBelow() && path.startsWith(e.path() + "."));
  }

  private static String pointer(String path) {
    return "/" + path.replace('.', '/');
  }

  private static Field field(CfgCatalogue.Entry e, JsonNode value, JsonNode defaultValue) {
    String kind = e.kind().name().toLowerCase(Locale.ROOT);
    boolean absent = defaultValue.isMissingNode() || defaultValue.isNull();
    String shownDefault =
        absent && !e.nullable() && e.kind() != CfgCatalogue.Kind.SHADOWS
            ? null
            : stored(kind, defaultValue);
    String min = null;
    String max = null;
    String step = null;
    if (e.range().isPresent()) {
      SettingsRanges.Range r = e.range().get();
      min = plain(r.aboveMin() ? r.min().add(r.step()) : r.min());
      max = plain(r.max());
      step = plain(r.step());
    }
    return new Field(
        e.path(),
        e.label(),
        e.help(),
        e.unit(),
        kind,
        stored(kind, value),
        shownDefault,
        e.risky(),
        e.shift(),
        min,
        max,
        step,
        e.choices(),
        e.nullable());
  }

  private static Field unknown(String path, JsonNode v) {
    String kind =
        v.isBoolean()
            ? "bool"
            : v.isNumber() ? "number" : v.isString() || v.isNull() ? "text" : "json";
    String name = path.substring(path.lastIndexOf('.') + 1).replace('_', ' ');
    return new Field(
        path,
        name,
        "",
        "",
        kind,
        stored(kind, v),
        null,
        RiskyChanges.GUARDED_FIELDS.contains(path),
        0,
        null,
        null,
        null,
        List.of(),
        false);
  }

  /** The stored form an input carries: a plain number, true/false, the text ("" for none), or JSON. */
  private static String stored(String kind, JsonNode v) {
    boolean none = v.isMissingNode() || v.isNull();
    return switch (kind) {
      case "bool" -> Boolean.toString(v.asBoolean());
      case "number" -> none ? "" : plain(v.decimalValue());
      case "pairs", "shadows" -> none ? "[]" : v.toString();
      case "symbol_map" -> none ? "{}" : v.toString();
      case "ab_split", "json" -> none ? "null" : v.toString();
      default -> none ? "" : v.asString();
    };
  }

  private static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }
}
