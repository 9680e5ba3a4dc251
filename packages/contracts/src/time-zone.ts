/**
 * The hub's local time (the Kreise are in North Rhine-Westphalia): calendar days of consents
 * and deadlines, board months, schedules, dates a person reads. One constant, so no place
 * counts days in another zone. The board's SQL migration keeps its literal: migrations are
 * history and never change.
 */
export const HUB_TIME_ZONE = 'Europe/Berlin';
