/** A packet waiting in the buffer: its extended sequence number, where its audio starts in the file, and what to play. */
export interface BufferedPacket<T> {
  readonly sequence: number;
  /** Frame position in the recording where the packet's first sample goes. */
  readonly position: number;
  readonly item: T;
}

/** What became of a packet offered to the buffer. */
export type BufferOutcome = 'accepted' | 'duplicate' | 'late';

/** How many released sequence numbers are remembered to tell a duplicate from a late packet. */
const REMEMBERED = 128;

/**
 * Holds one RTP stream's packets until their playout point, and gives them
 * back in sequence order. Packets are keyed by extended sequence number (see
 * SequenceExtender), so reordering across the 16-bit wrap sorts correctly.
 * A packet whose turn has passed is late and refused; one seen before is a
 * duplicate. The playout point is the caller's: a packet is released once the
 * recording is about to write the position its audio starts at, so a packet
 * overtaken in the network still lands in its place if it arrives in time.
 */
export class JitterBuffer<T> {
  private readonly waiting: BufferedPacket<T>[] = [];
  private lastReleased = Number.NEGATIVE_INFINITY;
  private readonly released = new Float64Array(REMEMBERED).fill(Number.NaN);

  /**
   * @param loss where sequence numbers that never arrived before their turn are counted
   * @param capacity packets held at most; beyond it the oldest is released early (a sender far ahead of its timestamps)
   */
  constructor(
    private readonly loss: { lost: number } = { lost: 0 },
    private readonly capacity = 100,
  ) {}

  get size(): number {
    return this.waiting.length;
  }

  offer(sequence: number, position: number, item: T): BufferOutcome {
    if (sequence <= this.lastReleased) {
      return this.released[sequence & (REMEMBERED - 1)] === sequence ? 'duplicate' : 'late';
    }
    // Packets mostly arrive in order, so the place is found from the end.
    let at = this.waiting.length;
    while (at > 0 && this.waiting[at - 1]!.sequence > sequence) at--;
    if (at > 0 && this.waiting[at - 1]!.sequence === sequence) return 'duplicate';
    this.waiting.splice(at, 0, { sequence, position, item });
    return 'accepted';
  }

  /** Releases, in sequence order, the packets whose audio starts before `playout`. */
  release(playout: number, take: (packet: BufferedPacket<T>) => void): void {
    while (this.waiting.length > 0 && (this.waiting[0]!.position < playout || this.waiting.length > this.capacity)) {
      take(this.next());
    }
  }

  /** Releases everything (the recording is ending). */
  releaseAll(take: (packet: BufferedPacket<T>) => void): void {
    while (this.waiting.length > 0) take(this.next());
  }

  private next(): BufferedPacket<T> {
    const packet = this.waiting.shift()!;
    if (Number.isFinite(this.lastReleased) && packet.sequence > this.lastReleased + 1) {
      this.loss.lost += packet.sequence - this.lastReleased - 1;
    }
    this.lastReleased = packet.sequence;
    this.released[packet.sequence & (REMEMBERED - 1)] = packet.sequence;
    return packet;
  }
}
