/**
 * The DHCP option catalogue: which options exist, what their values look like, and which
 * level wins when several set one.
 *
 * <p>A short tour:
 *
 * <ul>
 *   <li>{@link io.dhcpstate.options.DhcpOptionCatalogue} looks options up by dnsmasq name
 *       ({@code router}, {@code dns-server}, {@code classless-static-route}, {@code T1} ...)
 *       or by code, per IP version. Codes it does not name are opaque string options.
 *   <li>{@link io.dhcpstate.options.DhcpOption} is one entry: code, version, canonical name,
 *       aliases, {@link io.dhcpstate.options.OptionType value type}, and whether it may be set
 *       globally and per port. {@link io.dhcpstate.options.DhcpOption#normalize(String)}
 *       checks a value and returns its canonical form; it is the one place values are
 *       validated, and it rejects line breaks, control and non-ASCII characters, quotes,
 *       backslashes, stray commas and {@code tag:}/{@code set:} before anything reaches a
 *       driver.
 *   <li>{@link io.dhcpstate.model.ExtraDhcpOption} (in the model) is an option with a value
 *       and an {@link io.dhcpstate.model.OptionCondition}; it parses Neutron-style names
 *       such as {@code tag:ipxe,bootfile-name}.
 *   <li>{@link io.dhcpstate.options.OptionPrecedence} merges subnet-derived, global and port
 *       options, and knows which options may not be set globally.
 * </ul>
 *
 * <p>Everything here is immutable and thread-safe.
 */
package io.dhcpstate.options;
