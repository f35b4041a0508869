// Every built-in check, by catalog id: one explicit table (no registration by import side effect).
import { nonRootUser } from './checks/image/41-non-root-user';
import { healthcheck } from './checks/image/46-healthcheck';
import { setuidFiles } from './checks/image/48-setuid-setgid';
import { addRemoteUrl } from './checks/image/49-add-remote-url';
import { secretsInHistory } from './checks/image/410-secrets-in-history';
import { malware } from './checks/image/422-malware';
import { envSecretsCheck } from './checks/image/424-env-secrets';
import { privateKeys } from './checks/image/425-private-keys';
import { cryptoMiners } from './checks/image/426-crypto-miners';
import { packageBinariesAltered } from './checks/image/448-package-binaries-altered';
import { credentialFiles } from './checks/image/9001-credential-files';
import { eolOs } from './checks/image/9002-eol-os';
import { apparmorProfile } from './checks/container/51-apparmor';
import { addedCapabilities } from './checks/container/53-added-capabilities';
import { privileged } from './checks/container/54-privileged';
import { sensitiveHostMounts } from './checks/container/55-sensitive-host-mounts';
import { hostNetwork } from './checks/container/59-host-network';
import { memoryLimit } from './checks/container/510-memory-limit';
import { cpuLimit } from './checks/container/511-cpu-limit';
import { readOnlyRootfs } from './checks/container/512-read-only-rootfs';
import { portsOnAllInterfaces } from './checks/container/513-ports-all-interfaces';
import { restartPolicy } from './checks/container/514-restart-policy';
import { hostPid } from './checks/container/515-host-pid';
import { hostIpc } from './checks/container/516-host-ipc';
import { hostUts } from './checks/container/520-host-uts';
import { seccompConfined } from './checks/container/521-seccomp';
import { noNewPrivileges } from './checks/container/525-no-new-privileges';
import { defaultBridge } from './checks/container/529-default-bridge';
import { dockerSocketMounted } from './checks/container/531-docker-socket';
import { runsAsRoot } from './checks/container/599-runs-as-root';
import { iccDisabled } from './checks/daemon/22-icc';
import { tlsOnTcp } from './checks/daemon/27-tls-tcp';
import { usernsRemap } from './checks/daemon/29-userns-remap';
import { etcDockerOwner } from './checks/daemon/35-etc-docker-owner';
import { etcDockerMode } from './checks/daemon/36-etc-docker-mode';
import { logDriver } from './checks/daemon/213-log-driver';
import { liveRestore } from './checks/daemon/214-live-restore';
import { userlandProxy } from './checks/daemon/215-userland-proxy';
import { daemonNoNewPrivileges } from './checks/daemon/218-no-new-privileges';
import { dockerSockOwner } from './checks/daemon/315-docker-sock-owner';
import { dockerSockMode } from './checks/daemon/316-docker-sock-mode';
import { daemonJsonOwner } from './checks/daemon/317-daemon-json-owner';
import { daemonJsonMode } from './checks/daemon/318-daemon-json-mode';
import { auditDocker } from './checks/host/113-audit-docker';
import { sshRootLogin } from './checks/host/9010-ssh-root-login';
import { sshPasswordAuth } from './checks/host/9011-ssh-password-auth';
import { worldWritableFiles } from './checks/host/9012-world-writable';
import { emptyPasswords } from './checks/host/9013-empty-passwords';
import { duplicateUid0 } from './checks/host/9014-duplicate-uid0';
import type { CheckKind, ComplianceCheck } from './types';

type AnyCheck = { [K in CheckKind]: ComplianceCheck<K> }[CheckKind];

export const checks: readonly AnyCheck[] = [
  // image
  nonRootUser,
  healthcheck,
  setuidFiles,
  addRemoteUrl,
  secretsInHistory,
  malware,
  envSecretsCheck,
  privateKeys,
  cryptoMiners,
  packageBinariesAltered,
  credentialFiles,
  eolOs,
  // container
  apparmorProfile,
  addedCapabilities,
  privileged,
  sensitiveHostMounts,
  hostNetwork,
  memoryLimit,
  cpuLimit,
  readOnlyRootfs,
  portsOnAllInterfaces,
  restartPolicy,
  hostPid,
  hostIpc,
  hostUts,
  seccompConfined,
  noNewPrivileges,
  defaultBridge,
  dockerSocketMounted,
  runsAsRoot,
  // daemon
  iccDisabled,
  tlsOnTcp,
  usernsRemap,
  etcDockerOwner,
  etcDockerMode,
  logDriver,
  liveRestore,
  userlandProxy,
  daemonNoNewPrivileges,
  dockerSockOwner,
  dockerSockMode,
  daemonJsonOwner,
  daemonJsonMode,
  // host
  auditDocker,
  sshRootLogin,
  sshPasswordAuth,
  worldWritableFiles,
  emptyPasswords,
  duplicateUid0,
];

const byId = new Map<number, AnyCheck>(checks.map((c) => [c.id, c]));

export function checkById(id: number): AnyCheck | undefined {
  return byId.get(id);
}
