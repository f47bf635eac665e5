import { useId } from 'react';

/**
 * KeyRescue's mark: a key laid over a life ring. Decorative (the app name is always written beside
 * it). Colours are fixed so the mark reads the same in light and dark themes.
 */
export function AppLogo({ size = 28 }: { size?: number }) {
  const gradient = useId();
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
      className="app-logo"
    >
      <defs>
        <linearGradient id={gradient} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#3b6ff5" />
          <stop offset="1" stopColor="#1d3fb8" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill={`url(#${gradient})`} />
      {/* Life ring: a white ring with four orange bands (8 equal arcs on a 2πr ≈ 50.27 path). */}
      <circle cx="16" cy="16" r="8" fill="none" stroke="#ffffff" strokeWidth="4" />
      <circle
        cx="16"
        cy="16"
        r="8"
        fill="none"
        stroke="#ff8a3d"
        strokeWidth="4"
        strokeDasharray="6.283 6.283"
        transform="rotate(-22.5 16 16)"
      />
      {/* A golden key with a dark outline (drawn twice: wide dark stroke, then the gold on top). */}
      <g fill="none" strokeLinecap="round" strokeLinejoin="round">
        <path d="M12.6 19.4 24.6 7.4M21.2 10.8l2.6 2.6M18.3 13.7l2 2" stroke="#0b1533" strokeWidth="4.4" />
        <path d="M12.6 19.4 24.6 7.4M21.2 10.8l2.6 2.6M18.3 13.7l2 2" stroke="#ffd84d" strokeWidth="2" />
        <circle cx="10" cy="22" r="3.6" fill="#ffd84d" stroke="#0b1533" strokeWidth="2.2" />
        <circle cx="10" cy="22" r="1.1" fill="#0b1533" />
      </g>
    </svg>
  );
}
