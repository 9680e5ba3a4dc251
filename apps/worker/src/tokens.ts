export const HUB_CONFIG = Symbol('HUB_CONFIG');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
