import { useEffect, useState } from "react";
import { identityOf, storedToken, type Identity } from "../api/auth";

/** The signed-in user, following logins and logouts (also from other tabs' storage events). */
export function useIdentity(): Identity | null {
  const [identity, setIdentity] = useState(() => identityOf(storedToken()));
  useEffect(() => {
    const update = () => setIdentity(identityOf(storedToken()));
    window.addEventListener("streamspace:auth", update);
    window.addEventListener("storage", update);
    return () => {
      window.removeEventListener("streamspace:auth", update);
      window.removeEventListener("storage", update);
    };
  }, []);
  return identity;
}
