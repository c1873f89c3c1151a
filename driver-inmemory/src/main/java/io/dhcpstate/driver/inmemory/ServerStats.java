package io.dhcpstate.driver.inmemory;

/**
 * Counters of the in-memory server, taken without stopping it.
 *
 * @param received packets handed to the server
 * @param replies replies produced
 * @param offers DHCPOFFERs sent
 * @param acks DHCPACKs sent (including INFORM answers)
 * @param naks DHCPNAKs sent
 * @param malformed packets dropped as malformed, truncated, oversized (over 4096 bytes), not
 *     a BOOTREQUEST from an Ethernet client, or a request that could not be handled
 * @param unknownClients requests from clients no served network knows (static mode) or that
 *     no network could be found for
 * @param ignored requests deliberately not answered (another server chosen, unknown
 *     INIT-REBOOT client, RELEASE and DECLINE)
 * @param poolExhausted DISCOVERs that found no free address
 * @param overloadDrops packets dropped because the receive queue was full
 * @param leases active and declined leases held
 */
public record ServerStats(
    long received,
    long replies,
    long offers,
    long acks,
    long naks,
    long malformed,
    long unknownClients,
    long ignored,
    long poolExhausted,
    long overloadDrops,
    long leases) {}
