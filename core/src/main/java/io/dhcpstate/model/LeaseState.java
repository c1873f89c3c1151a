package io.dhcpstate.model;

/** The life stage of a lease, as Kea names them. */
public enum LeaseState {
  /** Held by a client and valid until it expires. */
  ACTIVE,
  /** Refused by a client (DHCPDECLINE): the address is on probation and not handed out. */
  DECLINED,
  /** Expired and reclaimed by the server: the address is free again. */
  EXPIRED_RECLAIMED,
  /** Given back by the client (DHCPRELEASE) or released by the server. */
  RELEASED
}
