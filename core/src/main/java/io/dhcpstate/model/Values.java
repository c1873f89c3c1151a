package io.dhcpstate.model;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.internal.Checks;

/** Parsing of address and prefix fields with the resource and field named in errors. */
final class Values {
  private Values() {}

  static IpAddress ip(String resource, String id, String field, String text) {
    return IpAddress.tryParse(text)
        .orElseThrow(() -> Checks.fail(resource, id, field, text, "not an IP address"));
  }

  static IpPrefix prefix(String resource, String id, String field, String text) {
    try {
      return IpPrefix.parse(text);
    } catch (InvalidResourceException e) {
      throw Checks.fail(resource, id, field, text, e.violation().reason());
    }
  }
}
