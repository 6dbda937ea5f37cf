package dev.tocsin.schedule;

/** Delivery channels; each has its own quiet hours. */
public enum Channel {
    SMS, LOUDSPEAKER
}
