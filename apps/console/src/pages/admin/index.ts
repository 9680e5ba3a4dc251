// The administration screens, loaded together when a tenant administrator first opens one.
export { AreasPage } from './AreasPage';
export { StaffPage } from './StaffPage';
export { AgenciesPage, AgencyPage } from './AgenciesPage';
export { CredentialsPage } from './CredentialsPage';
