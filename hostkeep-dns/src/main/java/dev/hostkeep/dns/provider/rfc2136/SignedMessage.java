package dev.hostkeep.dns.provider.rfc2136;

import org.xbill.DNS.Message;
import org.xbill.DNS.TSIGRecord;

/**
 * A message signed with a client's TSIG key and encoded once: {@link #wire} is exactly what {@link
 * UpdateConnection} sends, so its length is the message's size on the wire (less the two-byte TCP
 * length).
 *
 * @param message the message as built, without its TSIG record
 * @param wire the encoded message with its TSIG record appended
 * @param signature the TSIG record in {@code wire}, needed to verify the answer
 */
public record SignedMessage(Message message, byte[] wire, TSIGRecord signature) {
  /** The message's size in bytes, signed. */
  public int size() {
    return wire.length;
  }

  /** The zone an UPDATE is for (its zone section's name), as text without the final dot. */
  String zone() {
    return message.getQuestion().getName().toString(true);
  }
}
