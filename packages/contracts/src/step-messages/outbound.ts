import type { StepMessageTexts } from "./texts.js";

/** Why the outbound policy refused an address (the `reason` inside `http.refused` and `btg_id.refused`). */
export const OUTBOUND_MESSAGES = {
  "outbound.metadata_host": {
    "pt-BR": 'o host "{{host}}" é de metadados de nuvem e não é permitido; se for intencional, adicione-o a {{setting}}',
    en: 'the host "{{host}}" is a cloud metadata host and isn\'t allowed; if this is intended, add it to {{setting}}',
  },
  "outbound.address": {
    "pt-BR": "{{address}} {{rule}} ({{where}}) e não é permitido; {{hint}}",
    en: "{{address}} {{rule}} ({{where}}) and isn't allowed; {{hint}}",
  },
  "outbound.address.plain": { "pt-BR": "o endereço {{address}}", en: "the address {{address}}" },
  "outbound.address.of_host": { "pt-BR": 'o endereço {{address}} de "{{host}}"', en: 'the address {{address}} of "{{host}}"' },
  "outbound.rule.metadata": { "pt-BR": "é de metadados de nuvem", en: "is a cloud metadata address" },
  "outbound.rule.unspecified": { "pt-BR": "é não especificado e leva ao próprio servidor do Fluxo", en: "is unspecified and leads to Fluxo's own server" },
  "outbound.rule.loopback": { "pt-BR": "é de loopback, o próprio servidor do Fluxo", en: "is loopback, Fluxo's own server" },
  "outbound.rule.link_local": { "pt-BR": "é link-local", en: "is link-local" },
  "outbound.rule.private": { "pt-BR": "é de rede privada", en: "is a private network address" },
  "outbound.rule.shared_address": { "pt-BR": "é de CGNAT, espaço compartilhado de operadora", en: "is CGNAT, a carrier's shared address space" },
  "outbound.rule.multicast": { "pt-BR": "é multicast", en: "is multicast" },
  "outbound.rule.broadcast": { "pt-BR": "é de broadcast", en: "is broadcast" },
  "outbound.rule.reserved": { "pt-BR": "é reservado para documentação, testes ou uso especial", en: "is reserved for documentation, tests or special use" },
  "outbound.where.plain": { "pt-BR": "{{range}}", en: "{{range}}" },
  "outbound.where.ipv4_mapped": { "pt-BR": "{{range}}, na forma IPv4 mapeada em IPv6", en: "{{range}}, in IPv4-mapped IPv6 form" },
  "outbound.where.nat64": { "pt-BR": "{{range}}, na forma NAT64 64:ff9b::/96", en: "{{range}}, in NAT64 64:ff9b::/96 form" },
  "outbound.hint.metadata": {
    "pt-BR": "se for intencional, adicione exatamente {{address}} a {{setting}} (uma faixa CIDR não basta para endereços de metadados)",
    en: "if this is intended, add exactly {{address}} to {{setting}} (a CIDR range isn't enough for metadata addresses)",
  },
  "outbound.hint.loopback": {
    "pt-BR": "se for intencional, ligue {{loopbackSetting}}=true ou adicione-o a {{setting}}",
    en: "if this is intended, turn on {{loopbackSetting}}=true or add it to {{setting}}",
  },
  "outbound.hint.other": { "pt-BR": "se for intencional, adicione-o a {{setting}}", en: "if this is intended, add it to {{setting}}" },
  "outbound.insecure_scheme.not_loopback": {
    "pt-BR": "a URL usa http:// e {{address}} não é de loopback; use https:// (http:// só é aceito para 127.0.0.0/8, ::1 e localhost)",
    en: "the URL uses http:// and {{address}} isn't loopback; use https:// (http:// is only accepted for 127.0.0.0/8, ::1 and localhost)",
  },
  "outbound.insecure_scheme": {
    "pt-BR": "a URL usa http://, e só https:// é permitido; http:// só é aceito para loopback (127.0.0.0/8, ::1, localhost) com {{loopbackSetting}}=true",
    en: "the URL uses http://, and only https:// is allowed; http:// is only accepted for loopback (127.0.0.0/8, ::1, localhost) with {{loopbackSetting}}=true",
  },
  "outbound.unconfirmed": { "pt-BR": 'não foi possível confirmar o endereço conectado de "{{host}}"', en: 'couldn\'t confirm the address connected to for "{{host}}"' },
  "outbound.not_allowed": { "pt-BR": "o endereço não é permitido", en: "the address isn't allowed" },
} as const satisfies StepMessageTexts;
