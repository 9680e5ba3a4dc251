export {
  createSimulator,
  choosePath,
  seededUnit,
  type ReceivedDelivery,
  type ReferralContext,
  type SentStatus,
  type SimulatedAgency,
  type Simulator,
  type SimulatorOptions,
  type SimulatorPath,
} from './simulator.js';
