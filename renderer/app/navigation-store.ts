import { create } from 'zustand';

/** Every page in the sidebar. */
export const pageIds = ['inventory', 'new-key', 'converter', 'recover', 'settings', 'about'] as const;
export type PageId = (typeof pageIds)[number];

interface NavigationState {
  page: PageId;
  /** Opens a page (the sidebar, or a feature sending the user on: "Recover this instance"). */
  navigate(page: PageId): void;
}

/** Which page is open. In memory only: the app always starts on the inventory. */
export const useNavigation = create<NavigationState>((set) => ({
  page: 'inventory',
  navigate: (page) => set({ page }),
}));
