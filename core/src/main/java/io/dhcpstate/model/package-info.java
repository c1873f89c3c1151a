/**
 * The immutable, validated model of what DHCP should serve.
 *
 * <p>A {@link io.dhcpstate.model.Network} holds {@link io.dhcpstate.model.Subnet}s and
 * {@link io.dhcpstate.model.Port}s that refer to it by id; each record validates its own fields
 * in its constructor and throws {@link io.dhcpstate.InvalidResourceException} naming the
 * resource, the field and the (escaped) value. Rules that span records live in
 * {@link io.dhcpstate.model.NetworkValidator}, and a {@link io.dhcpstate.model.NetworkSnapshot}
 * is a whole network that passed them. Addresses are values
 * ({@link io.dhcpstate.model.IpAddress}, {@link io.dhcpstate.model.IpPrefix},
 * {@link io.dhcpstate.model.MacAddress}), parsed once and never kept as strings.
 * {@link io.dhcpstate.model.Lease} is what drivers report back.
 */
package io.dhcpstate.model;
