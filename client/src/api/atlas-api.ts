import type { ClientConfig, CommunityProfile, DivisionsResponse, LayersResponse, SearchHit } from '../../../core/api/responses.ts';
import { fetchJson } from './fetch-json.ts';

export const fetchLayers = (signal?: AbortSignal) => fetchJson<LayersResponse>('/api/layers', signal);
export const fetchDivisions = (signal?: AbortSignal) => fetchJson<DivisionsResponse>('/api/divisions', signal);
export const fetchClientConfig = (signal?: AbortSignal) => fetchJson<ClientConfig>('/api/client-config', signal);

export const fetchCommunity = (code: string, signal?: AbortSignal) =>
  fetchJson<CommunityProfile>(`/api/communities/${encodeURIComponent(code)}`, signal);

export const searchPlaces = (query: string, signal?: AbortSignal) =>
  fetchJson<SearchHit[]>(`/api/search?q=${encodeURIComponent(query)}`, signal);
